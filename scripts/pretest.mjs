// `npm test` builds first so browser tests never run against a stale dist/. CI has
// just built in its own step (.ci/run) and says so with CHAT_WIDGET_BUILT=1: building
// the same tree twice would cost ~40 s of the 15-minute CI budget.
import { spawnSync } from 'node:child_process';

if (process.env.CHAT_WIDGET_BUILT === '1') {
  console.log('pretest: dist/ was built by this CI run, not building again');
  process.exit(0);
}
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
const result = spawnSync(npm, ['run', 'build'], { stdio: 'inherit' });
process.exit(result.status ?? 1);
