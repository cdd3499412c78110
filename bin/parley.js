#!/usr/bin/env node
// The installed entry point: runs the compiled CLI (build with `npm run build`).
import('../dist/src/cli/main.js').then((m) => m.main(process.argv.slice(2))).catch((err) => {
  if (err && err.code === 'ERR_MODULE_NOT_FOUND' && String(err.message).includes('dist/src/cli')) {
    console.error('parley: the CLI is not built yet. Run `npm run build` (or `npm ci`, which builds it) and try again.');
    process.exit(2);
  }
  throw err;
});
