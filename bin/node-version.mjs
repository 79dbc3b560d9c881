// The Node.js the command line needs. Written for any Node version (no newer syntax), so an old
// Node reaches the message instead of failing on something it cannot run.
export const REQUIRED_NODE = '22.12';

/** A message saying Node is too old, or null when `version` ("20.20.2") is new enough. */
export function nodeVersionProblem(version) {
  const [major = 0, minor = 0] = version.replace(/^v/, '').split('.').map(Number);
  const [needMajor, needMinor] = REQUIRED_NODE.split('.').map(Number);
  if (major > needMajor || (major === needMajor && minor >= needMinor)) return null;
  return `dossier-desk needs Node.js ${REQUIRED_NODE} or newer; this is Node.js ${version.replace(/^v/, '')}.\n`
    + 'Run it through npm from the project (npm run cli -- <command>), which uses the project\'s own Node 22, or install Node 22.\n';
}
