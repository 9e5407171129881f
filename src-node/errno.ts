/** errno numbers as the native calls return them: their names, and what kind of trouble they mean. */
import { constants } from 'node:os';
import { getSystemErrorMap } from 'node:util';

/** The errno numbers by name (os.constants.errno: the platform's own values). */
export const Errno = constants.errno;

const systemErrors = getSystemErrorMap();

/** errno number → [name, message], as Node's own fs errors name them. */
export function describeErrno(errno: number): { code: string; message: string } {
  const [code, message] = systemErrors.get(-Math.abs(errno)) ?? [`E${errno}`, `error ${errno}`];
  return { code, message: `${code}: ${message}` };
}

/** errno number → its name (EACCES, …). */
export function errnoName(errno: number): string {
  return describeErrno(errno).code;
}

/** Not allowed, rather than broken. */
export function isPermissionErrno(errno: number): boolean {
  return errno === Errno.EACCES || errno === Errno.EPERM || errno === Errno.EROFS;
}

/** The filesystem (or the user's quota) is full. */
export function isNoSpaceErrno(errno: number): boolean {
  return errno === Errno.ENOSPC || errno === Errno.EDQUOT;
}

/** The errno code of a Node fs error (EACCES, …), or `fallback` when it carries none. */
export function errnoCodeOf(error: unknown, fallback = 'EIO'): string {
  const code = (error as NodeJS.ErrnoException | null)?.code;
  return typeof code === 'string' ? code : fallback;
}

/** An errno code that means "not allowed" rather than "broken" (a read-only filesystem is not one here). */
export function isPermissionCode(code: string): boolean {
  return code === 'EACCES' || code === 'EPERM';
}
