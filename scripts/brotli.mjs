// Build step, run by scripts/precompress.py: brotli-compress files with Node's own zlib (the
// build already needs Node; Python's standard library has no brotli).
// usage: node scripts/brotli.mjs <source> <target> [<source> <target>…]
import { readFileSync, renameSync, writeFileSync } from "node:fs";
import zlib from "node:zlib";

const args = process.argv.slice(2);
for (let i = 0; i < args.length; i += 2) {
  const data = readFileSync(args[i]);
  const encoded = zlib.brotliCompressSync(data, {
    params: {
      [zlib.constants.BROTLI_PARAM_QUALITY]: 10,
      [zlib.constants.BROTLI_PARAM_LGWIN]: 24,
      [zlib.constants.BROTLI_PARAM_SIZE_HINT]: data.length,
      [zlib.constants.BROTLI_PARAM_MODE]: args[i].endsWith(".wasm") || args[i].endsWith(".zip")
        ? zlib.constants.BROTLI_MODE_GENERIC : zlib.constants.BROTLI_MODE_TEXT,
    },
  });
  writeFileSync(args[i + 1] + ".part", encoded);
  renameSync(args[i + 1] + ".part", args[i + 1]);      // a cache entry is whole or absent
}
