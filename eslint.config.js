// @ts-check
import js from '@eslint/js'
import reactHooks from 'eslint-plugin-react-hooks'
import tseslint from 'typescript-eslint'

const nodeBuiltins = [
  'node:*',
  'fs',
  'fs/*',
  'path',
  'os',
  'crypto',
  'child_process',
  'http',
  'net'
]

const nativeDialogs = ['confirm', 'alert', 'prompt']
const noNativeDialog =
  'No native dialogs: ask with modals.openConfirmModal (@mantine/modals) or a Mantine Modal.'

/** Which runtime a file may import from: the layering of STYLE.md, enforced. */
const boundaries = [
  {
    files: ['src/shared/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: nodeBuiltins, message: 'src/shared is pure: no Node built-ins.' },
            { group: ['electron', 'electron/*'], message: 'src/shared is pure: no electron.' },
            { group: ['react', 'react-dom', '@mantine/*'], message: 'src/shared is pure: no UI.' },
            {
              group: ['**/main/**', '**/renderer/**', '**/preload/**'],
              message: 'src/shared imports nothing from the runtimes.'
            }
          ]
        }
      ]
    }
  },
  {
    files: ['src/main/**/*.ts'],
    ignores: [
      'src/main/index.ts',
      'src/main/windows.ts',
      'src/main/security.ts',
      'src/main/ipc.ts'
    ],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['electron', 'electron/*'],
              message:
                'Only index.ts, windows.ts, security.ts and ipc.ts touch Electron; services and store are plain Node.'
            },
            { group: ['**/renderer/**'], message: 'main never imports the renderer.' }
          ]
        }
      ]
    }
  },
  {
    files: ['src/renderer/**/*.{ts,tsx}'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['**/main/**', '**/main'],
              message: 'The renderer speaks only to window.api.'
            },
            {
              group: ['electron', 'electron/*'],
              message: 'The renderer speaks only to window.api.'
            },
            { group: nodeBuiltins, message: 'The renderer runs in a sandboxed page: no Node.' }
          ]
        }
      ],
      // The browser's own dialogs block the page and look like nothing else in the app.
      'no-restricted-globals': [
        'error',
        ...nativeDialogs.map((name) => ({ name, message: noNativeDialog }))
      ],
      'no-restricted-properties': [
        'error',
        ...['window', 'globalThis', 'self'].flatMap((object) =>
          nativeDialogs.map((property) => ({ object, property, message: noNativeDialog }))
        )
      ]
    }
  },
  {
    files: ['src/preload/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['**/main/**', '**/renderer/**'], message: 'The preload is a bridge only.' },
            { group: ['zod'], message: 'The preload bundles no validators; main validates.' }
          ]
        }
      ]
    }
  }
]

export default tseslint.config(
  { ignores: ['out/**', 'dist/**', 'node_modules/**', 'test-results/**', 'playwright-report/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_' }
      ],
      'no-console': ['error', { allow: ['error', 'warn'] }]
    }
  },
  {
    files: ['tests/**/*.{ts,tsx}', 'scripts/**/*.ts'],
    rules: { 'no-console': 'off' }
  },
  ...boundaries
)
