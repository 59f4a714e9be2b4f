import { resolve, join } from 'node:path'

/**
 * Where the records live: `--data-dir DIR` beats `IOP_DATA_DIR`, which beats
 * the default beside the app's other user data. Plain Node, so it is testable.
 */
export function resolveDataDir(
  argv: readonly string[],
  env: Readonly<Record<string, string | undefined>>,
  userDataPath: string
): string {
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!
    if (arg === '--data-dir' && argv[i + 1]) return resolve(argv[i + 1]!)
    if (arg.startsWith('--data-dir=')) return resolve(arg.slice('--data-dir='.length))
  }
  if (env.IOP_DATA_DIR) return resolve(env.IOP_DATA_DIR)
  return join(userDataPath, 'data')
}
