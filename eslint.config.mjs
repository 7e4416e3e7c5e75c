// Lint configuration: typescript-eslint's recommended rules plus the layer rule of the design.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import { importDirectionRule } from './tools/eslint-layer-rule.mjs';

export default tseslint.config(
  { ignores: ['dist/**', 'media/dist/**', 'node_modules/**', 'userprogs/**', 'test/e2e/artifacts/**', '.code-server/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts'],
    plugins: { layers: { rules: { 'import-direction': importDirectionRule } } },
    rules: {
      'layers/import-direction': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-console': 'off',
    },
  },
  {
    files: ['**/*.mjs', '**/*.js'],
    languageOptions: { globals: { process: 'readonly', console: 'readonly', URL: 'readonly' } },
  },
  {
    files: ['**/*.js'],
    languageOptions: { sourceType: 'commonjs', globals: { require: 'readonly', module: 'writable', __dirname: 'readonly' } },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
);
