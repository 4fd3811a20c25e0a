/** `--out`: replaces the file whole or not at all. A file cut short by a full disk would still load, with
 * fewer members, and the next `up` would remove the rest. */
import { randomBytes } from "node:crypto";
import * as fs from "node:fs";
import * as path from "node:path";

/** Writes a temporary file next to the target (same file system, so the rename is atomic), flushes it, then
 * renames it over the target, keeping the target's permissions. On any failure the temporary file is removed. */
export function writeFileAtomically(file: string, text: string): void {
  const target = realTarget(file);
  const temporary = path.join(path.dirname(target), `.${path.basename(target)}.${process.pid}.${randomBytes(4).toString("hex")}.tmp`);
  try {
    const mode = existingMode(target);
    const fd = fs.openSync(temporary, "wx", mode ?? 0o666);
    try {
      fs.writeFileSync(fd, text);
      fs.fsyncSync(fd);
    } finally {
      fs.closeSync(fd);
    }
    if (mode !== undefined) fs.chmodSync(temporary, mode); // the umask applied at open
    fs.renameSync(temporary, target);
  } catch (error) {
    fs.rmSync(temporary, { force: true });
    const unchanged = fs.existsSync(target) ? `${file} was not changed` : `${file} was not written`;
    throw new Error(`writing ${file} failed: ${(error as Error).message}; ${unchanged}.`);
  }
}

/** A symbolic link stays a link: the file it points to is replaced. */
function realTarget(file: string): string {
  try {
    return fs.realpathSync(file);
  } catch {
    return path.resolve(file);
  }
}

function existingMode(file: string): number | undefined {
  try {
    return fs.statSync(file).mode & 0o7777;
  } catch {
    return undefined;
  }
}
