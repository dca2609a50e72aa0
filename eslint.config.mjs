import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  {
    ignores: [
      'dist/**',
      'out/**',
      'node_modules/**',
      '.vscode-test/**',
      'scratch/**',
      'test-results/**',
      'bench-results/**',
      '.cache/**',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.strict,
  {
    languageOptions: { parserOptions: { projectService: false } },
    rules: {
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', ignoreRestSiblings: true },
      ],
    },
  },
  {
    // The core is shared by the extension, the CLI and the tests: it must never need VS Code.
    files: ['src/core/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [
            { name: 'vscode', message: 'src/core must not depend on VS Code; put VS Code code under src/extension.' },
          ],
        },
      ],
    },
  },
  {
    // vscode.l10n shows the nb bundle only when VS Code itself runs in Norwegian; every string goes through
    // src/extension/localize.ts's t(), which follows the iplos.language setting (issue 15).
    files: ['src/**/*.ts', 'media/**/*.ts'],
    ignores: ['src/extension/localize.ts'],
    rules: {
      'no-restricted-syntax': [
        'error',
        {
          selector: "MemberExpression[object.name='vscode'][property.name='l10n']",
          message: 'Use t() from src/extension/localize.ts: vscode.l10n does not follow the iplos.language setting.',
        },
        {
          selector: "ImportDeclaration[source.value='vscode'] ImportSpecifier[imported.name='l10n']",
          message: 'Use t() from src/extension/localize.ts: vscode.l10n does not follow the iplos.language setting.',
        },
      ],
    },
  },
  {
    files: ['**/*.mjs', 'scripts/**', 'bench/**'],
    languageOptions: {
      globals: {
        process: 'readonly',
        console: 'readonly',
        URL: 'readonly',
        setTimeout: 'readonly',
        clearTimeout: 'readonly',
      },
    },
  },
);
