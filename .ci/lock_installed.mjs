// Exit 0 when <folder>/node_modules holds exactly the packages of <folder>/package-lock.json, as
// npm recorded them when it installed them (node_modules/.package-lock.json); 1 otherwise, or
// when either file is missing. .ci/run then skips `npm ci`, which would delete node_modules and
// install the same versions again. Optional packages of another platform are not installed.
import { readFileSync } from "node:fs";

const folder = process.argv[2];
const canonical = (value) =>
  Array.isArray(value)
    ? `[${value.map(canonical).join(",")}]`
    : value && typeof value === "object"
      ? `{${Object.keys(value)
          .sort()
          .map((key) => `${JSON.stringify(key)}:${canonical(value[key])}`)
          .join(",")}}`
      : JSON.stringify(value);

try {
  const locked = JSON.parse(readFileSync(`${folder}/package-lock.json`, "utf8")).packages;
  const installed = JSON.parse(
    readFileSync(`${folder}/node_modules/.package-lock.json`, "utf8"),
  ).packages;
  for (const [path, entry] of Object.entries(locked)) {
    if (path === "") continue; // the project itself
    const found = installed[path];
    if (found === undefined ? !entry.optional : canonical(found) !== canonical(entry)) {
      process.exit(1);
    }
  }
  for (const path of Object.keys(installed)) {
    if (!(path in locked)) process.exit(1);
  }
} catch {
  process.exit(1);
}
