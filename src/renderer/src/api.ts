import type { Api } from '../../shared/ipc/api'
import type { ErrorCode, Result } from '../../shared/result'

/** A refused call, carrying the plain-words message the app shows as it is. */
export class ApiError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string
  ) {
    super(message)
    this.name = 'ApiError'
  }
}

/** The renderer's only way out: the preload's bridge, or the test host's stand-in. */
export function api(): Api {
  return window.api
}

/** For TanStack Query: a refused call becomes a thrown ApiError, shown by the screen. */
export async function unwrap<T>(call: Promise<Result<T>>): Promise<T> {
  const result = await call
  if (!result.ok) throw new ApiError(result.error.code, result.error.message)
  return result.value
}

export function messageOf(error: unknown): string {
  if (error instanceof ApiError) return error.message
  return 'Something went wrong. Nothing was changed; try again.'
}
