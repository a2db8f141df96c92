'use strict';
// Preloaded (`node --require`) into a command the benchmarks run as a child process: on exit, writes the process's
// peak resident set size in bytes (the kernel's high-water mark, every thread included: the job worker's too) to
// the file named by ATELIER_BENCH_RSS_FILE. Portable where `/usr/bin/time -v` is missing.
const { writeFileSync } = require('node:fs');

const target = process.env.ATELIER_BENCH_RSS_FILE;
if (target) process.on('exit', () => writeFileSync(target, String(process.resourceUsage().maxRSS * 1024)));
