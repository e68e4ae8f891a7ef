import js from "@eslint/js";
import globals from "globals";

export default [
  { ignores: ["**/plotly.min.js", "node_modules/"] },
  js.configs.recommended,
  {
    files: ["**/*.js"],
    languageOptions: { ecmaVersion: 2022, sourceType: "module", globals: { ...globals.browser } },
    rules: {
      "no-unused-vars": ["error", { argsIgnorePattern: "^_" }],
      eqeqeq: "error",
      "prefer-const": "error",
      "no-var": "error",
    },
  },
  { files: ["tests/**/*.js"], languageOptions: { globals: { ...globals.node } } },
];
