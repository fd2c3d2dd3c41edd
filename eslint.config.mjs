import tseslint from 'typescript-eslint';
import layers from './tools/eslint/layers.mjs';

export default tseslint.config(
  { ignores: ['node_modules/', '.vite/', '.cache/', 'out/', '.tmp/', '**/dist/'] },
  ...tseslint.configs.recommended,
  {
    plugins: { layers },
    rules: {
      'layers/imports': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
      'no-restricted-syntax': ['error', { selector: "CallExpression[callee.object.name=/^(it|test|describe)$/][callee.property.name='only']", message: 'No focused tests.' }],
    },
  },
  { files: ['**/*.mjs', '**/*.cjs'], rules: { '@typescript-eslint/no-require-imports': 'off' } },
);
