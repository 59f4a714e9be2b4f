import { PasswordInput } from '@mantine/core'
import { useState, type ReactNode } from 'react'

/**
 * A new passphrase typed twice, for a reset by an administrator and for the
 * recovery key: the second field says so as soon as the two differ.
 */
export function useNewPassphrase(description?: string): {
  passphrase: string
  mismatch: boolean
  clear: () => void
  fields: ReactNode
} {
  const [passphrase, setPassphrase] = useState('')
  const [confirm, setConfirm] = useState('')
  const mismatch = confirm.length > 0 && confirm !== passphrase
  return {
    passphrase,
    mismatch,
    clear: () => {
      setPassphrase('')
      setConfirm('')
    },
    fields: (
      <>
        <PasswordInput
          label="New passphrase"
          description={description}
          value={passphrase}
          onChange={(e) => setPassphrase(e.currentTarget.value)}
          autoComplete="new-password"
        />
        <PasswordInput
          label="Repeat the new passphrase"
          value={confirm}
          onChange={(e) => setConfirm(e.currentTarget.value)}
          error={mismatch ? 'The two passphrases are not the same' : null}
          autoComplete="new-password"
        />
      </>
    )
  }
}
