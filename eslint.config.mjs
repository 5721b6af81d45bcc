// eslint (flat config): `npx eslint docs/javascripts docs/sw.js scripts tests`.
// The browser code (ES modules in docs/javascripts, the service worker docs/sw.js) and the Node
// scripts and test helpers (*.mjs); every function at most 60 lines, blank lines and comments aside.
import js from "@eslint/js";
import globals from "globals";

export default [
  { ignores: ["node_modules/", "site/", "build/", ".venv/", ".cache/", "tests/artifacts/"] },
  js.configs.recommended,
  {
    rules: {
      "max-lines-per-function": ["error", { max: 60, skipBlankLines: true, skipComments: true }],
    },
  },
  {
    files: ["docs/javascripts/**/*.js"],
    languageOptions: {
      sourceType: "module",
      globals: { ...globals.browser, ...globals.worker },
    },
  },
  {
    files: ["docs/sw.js"],
    languageOptions: { sourceType: "script", globals: { ...globals.serviceworker } },
  },
  {
    files: ["scripts/**/*.mjs", "tests/**/*.mjs", "eslint.config.mjs"],
    languageOptions: { sourceType: "module", globals: { ...globals.node } },
  },
];
