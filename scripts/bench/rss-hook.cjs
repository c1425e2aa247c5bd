// Preloaded (NODE_OPTIONS=--require) into measured processes when /usr/bin/time is missing: at exit
// it writes "0 <peak RSS KB> <user CPU s> <system CPU s>" to $LAYERGUARD_BENCH_RSS_FILE, the line
// `time -f '%e %M %U %S'` would write (wall time is measured by the runner itself).
const fs = require('node:fs');

const target = process.env.LAYERGUARD_BENCH_RSS_FILE;
if (target) {
  process.on('exit', () => {
    const usage = process.resourceUsage();
    fs.writeFileSync(target, `0 ${usage.maxRSS} ${usage.userCPUTime / 1e6} ${usage.systemCPUTime / 1e6}\n`);
  });
}
