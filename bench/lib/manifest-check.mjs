/**
 * Checks of a written ASC MHL manifest that never load it whole: element counts from a byte stream, and
 * schema validation with `xmllint --stream` (libxml2's reader validates as it reads, so its memory stays
 * small whatever the manifest's size), timed and with xmllint's own peak memory.
 */
import { createReadStream, statSync } from 'node:fs';
import { runWithPeaks, stopRunning } from './process-peaks.mjs';

/**
 * Count how often each of `needles` (plain ASCII strings, e.g. '<hash>') occurs in the file, reading it as a
 * stream of chunks (a needle split across two chunks is counted once). Also returns the file's size and
 * whether its last non-blank text is `</hashlist>`.
 */
export async function countInFile(path, needles) {
  const counts = Object.fromEntries(needles.map((needle) => [needle, 0]));
  const keep = Math.max(...needles.map((needle) => needle.length)) - 1;
  let carry = '';
  let tail = '';
  for await (const chunk of createReadStream(path, { encoding: 'latin1', highWaterMark: 1 << 20 })) {
    const text = carry + chunk;
    for (const needle of needles) {
      // Matches wholly inside the carried-over start were counted with the previous chunk.
      for (let at = text.indexOf(needle); at !== -1; at = text.indexOf(needle, at + needle.length))
        if (at + needle.length > carry.length) counts[needle]++;
    }
    carry = text.slice(-keep);
    tail = (tail + chunk).slice(-64);
  }
  return { bytes: statSync(path).size, counts, closed: tail.trimEnd().endsWith('</hashlist>') };
}

/**
 * `xmllint --noout --stream --schema <xsd> <manifest>`: well-formed and valid when it exits 0. Gives up
 * (SIGINT) after `timeoutSeconds`. Resolves with `{ valid, timedOut, seconds, peakMb, message }`.
 */
export async function validateWithXmllint(manifest, xsd, timeoutSeconds = 1800) {
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    stopRunning(); // only xmllint runs now
  }, timeoutSeconds * 1000);
  try {
    const result = await runWithPeaks('xmllint', ['--noout', '--stream', '--schema', xsd, manifest]);
    const message = (result.stderr || result.stdout).trim().split('\n').slice(-5).join('\n');
    return {
      valid: !timedOut && result.code === 0,
      timedOut,
      code: result.code,
      seconds: result.seconds,
      peakMb: result.peaks.self,
      message: message.length > 2000 ? `${message.slice(0, 2000)}…` : message,
    };
  } finally {
    clearTimeout(timer);
  }
}
