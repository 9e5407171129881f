/** The handover HTML's failures section: the failures grouped by cause, with where they happened. */
import { countOf, formatCount } from '../../src-shared/format';
import type { FailureGroup } from '../../src-shared/jobs';
import { markup, type Safe } from './html-markup';
import type { HandoverModel } from './model';

export function failuresSection(model: HandoverModel, problems: number, csvName: string): Safe {
  const groups = model.failure_groups;
  if (groups.length === 0) {
    if (problems === 0 && model.failed_count === 0) return markup`<p class="ok">No failures.</p>`;
    return markup`<p>${countOf(Math.max(problems, model.failed_count), 'file')} with problems; <code>${csvName}</code> gives each one's cause.</p>`;
  }
  const listed = groups.reduce((sum, g) => sum + g.count, 0);
  const unlisted = Math.max(0, model.failed_count - listed);
  const verb = model.kind === 'verify' ? 'verified' : 'transferred';
  return markup`<p>${countOf(Math.max(model.failed_count, listed), 'entry', 'entries')} not ${verb}, ${countOf(groups.length, 'cause')}.</p>
<table>
<colgroup><col style="width:10%"><col style="width:36%"><col style="width:18%"><col style="width:36%"></colgroup>
<thead><tr><th scope="col" class="num">Files</th><th scope="col">Cause</th><th scope="col">Code</th><th scope="col">Where</th></tr></thead>
<tbody>${groups.map(failureRow)}</tbody>
</table>
${unlisted > 0 ? markup`<p class="more">and ${countOf(unlisted, 'more failure')} under other causes — see the CSV</p>` : ''}`;
}

function failureRow(group: FailureGroup): Safe {
  const code = group.errno && group.errno !== group.code ? `${group.code} · ${group.errno}` : group.code;
  const more = group.folder !== null ? 0 : Math.max(0, group.count - group.examples.length);
  const where =
    group.folder !== null
      ? markup`Folder <code>${group.folder}</code>`
      : markup`<ul class="plain">${group.examples.map((p) => markup`<li><code>${p}</code></li>`)}${
          more > 0 ? markup`<li class="more">and ${formatCount(more)} more</li>` : ''
        }</ul>`;
  return markup`<tr><td class="num problem">${formatCount(group.count)}</td><td>${group.cause}</td><td class="mono">${code}</td><td>${where}</td></tr>`;
}
