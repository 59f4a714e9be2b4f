import type { Api } from '../shared/ipc/api'

declare global {
  interface Window {
    /** The one door from the renderer to the app: Electron's preload, or the test host's stand-in. */
    api: Api
  }
}

export {}
