/**
 * A promise that fails with nothing waiting for it must not stop the app: a clinic's records
 * stay open and the running group goes on. The one seen is inside PouchDB's HTTP adapter, which
 * can leave a request of its own unhandled when the clinic server drops the connection (the sync
 * engine's own promises are all handled). What is logged is the error's kind and code only: a
 * message can carry a server address with its user name and password, or record text.
 */
export function keepRunningOnStrayRejections(
  host: Pick<NodeJS.Process, 'on'>,
  log: (line: string) => void = (line) => console.error(line)
): void {
  host.on('unhandledRejection', (reason: unknown) => {
    const name = reason instanceof Error ? reason.name : typeof reason
    const code =
      reason && typeof reason === 'object' && 'code' in reason && typeof reason.code === 'string'
        ? ` (${reason.code.slice(0, 40)})`
        : ''
    log(`[main] a failure nothing waited for was set aside: ${name.slice(0, 40)}${code}`)
  })
}
