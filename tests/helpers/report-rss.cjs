// Preloaded (node --require) into a child the tests run: on exit, writes the process's peak resident
// memory (kilobytes, from getrusage) to $ATTT_TEST_RSS_FILE, so a test can assert the child stayed small.
'use strict';
const fs = require('node:fs');

process.on('exit', () => {
  const file = process.env.ATTT_TEST_RSS_FILE;
  if (file) fs.writeFileSync(file, String(process.resourceUsage().maxRSS));
});
