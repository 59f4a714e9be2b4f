import { resolve } from 'node:path'
import react from '@vitejs/plugin-react'
import { defineConfig } from 'electron-vite'
import type { Plugin } from 'vite'
import {
  CONTENT_SECURITY_POLICY,
  DEVELOPMENT_CONTENT_SECURITY_POLICY,
  metaPolicy
} from './src/shared/security/csp'

/** Writes the one Content-Security-Policy into index.html, so the page and the tests agree. */
function contentSecurityPolicy(): Plugin {
  let policy = CONTENT_SECURITY_POLICY
  return {
    name: 'iop-content-security-policy',
    configResolved(config) {
      if (config.command === 'serve') policy = DEVELOPMENT_CONTENT_SECURITY_POLICY
    },
    transformIndexHtml: () => [
      {
        tag: 'meta',
        attrs: { 'http-equiv': 'Content-Security-Policy', content: metaPolicy(policy) },
        injectTo: 'head-prepend'
      }
    ]
  }
}

export default defineConfig({
  main: {
    build: {
      rolldownOptions: { input: { index: resolve('src/main/index.ts') } }
    }
  },
  preload: {
    build: {
      // A sandboxed preload can require only 'electron': one CommonJS file, nothing external.
      externalizeDeps: false,
      rolldownOptions: {
        input: { index: resolve('src/preload/index.ts') },
        external: ['electron'],
        output: { format: 'cjs', entryFileNames: '[name].cjs' }
      }
    }
  },
  renderer: {
    root: resolve('src/renderer'),
    base: './',
    plugins: [react(), contentSecurityPolicy()],
    build: {
      // Minified: the page opens by parsing this code, and a smaller script opens faster (issue 18).
      minify: true,
      rolldownOptions: { input: { index: resolve('src/renderer/index.html') } }
    }
  }
})
