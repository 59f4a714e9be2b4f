import { Alert, Button, Checkbox, Group, Modal, PasswordInput, Stack, Text } from '@mantine/core'
import { useState, type FormEvent } from 'react'
import { EXPORT_PASSWORD_MIN, type ExportPolicy } from '../../../../shared/domain/exports'

export interface ExportPasswordModalProps {
  opened: boolean
  /** What is being saved, e.g. "the attendance report". */
  what: string
  policy: ExportPolicy
  busy: boolean
  onCancel: () => void
  /** The password chosen, or null for a file without one (only where the clinic allows it). */
  onExport: (password: string | null) => void
}

/**
 * Asked before a file of records leaves the app: the password that protects
 * it. The password is used once, for this file, and kept nowhere.
 */
export function ExportPasswordModal(props: ExportPasswordModalProps) {
  const { opened, what, policy, busy, onCancel, onExport } = props
  const [protect, setProtect] = useState(true)
  const [password, setPassword] = useState('')
  const [again, setAgain] = useState('')
  const [tried, setTried] = useState(false)
  const withPassword = policy === 'required' || protect

  const tooShort =
    password.length < EXPORT_PASSWORD_MIN
      ? `Use at least ${EXPORT_PASSWORD_MIN} characters — a short sentence is easy to say over the phone`
      : null
  const mismatch = again !== password ? 'The two passwords are not the same' : null

  const close = () => {
    setPassword('')
    setAgain('')
    setTried(false)
    setProtect(true)
    onCancel()
  }
  const submit = (event: FormEvent) => {
    event.preventDefault()
    setTried(true)
    if (withPassword && (tooShort || mismatch)) return
    const chosen = withPassword ? password : null
    setPassword('')
    setAgain('')
    setTried(false)
    onExport(chosen)
  }

  return (
    <Modal opened={opened} onClose={close} title={`Save ${what}`} size="lg">
      <form onSubmit={submit} aria-label={`Save ${what}`}>
        <Stack gap="sm">
          <Text size="sm">The file holds confidential records.</Text>
          {policy === 'offered' && (
            <Checkbox
              label="Protect the file with a password"
              checked={protect}
              onChange={(e) => setProtect(e.currentTarget.checked)}
            />
          )}
          {withPassword ? (
            <>
              <Text size="sm">
                It is saved as a zip file that opens only with the password you choose here, in
                7-Zip, WinZip or another program that opens AES-encrypted zip files.
              </Text>
              <PasswordInput
                label="Password for this file"
                description={`At least ${EXPORT_PASSWORD_MIN} characters. The app does not keep it.`}
                value={password}
                onChange={(e) => setPassword(e.currentTarget.value)}
                error={tried ? tooShort : null}
                autoComplete="new-password"
                data-autofocus
              />
              <PasswordInput
                label="Type the password again"
                value={again}
                onChange={(e) => setAgain(e.currentTarget.value)}
                error={tried && !tooShort ? mismatch : null}
                autoComplete="new-password"
              />
              <Text size="sm" c="dimmed">
                Give the password to the person receiving the file another way — by phone, not in
                the same email as the file.
              </Text>
            </>
          ) : (
            <Alert color="yellow" title="No password">
              Anyone who gets hold of the file can read it. Save it only where your clinic keeps
              confidential records.
            </Alert>
          )}
          <Group justify="flex-end">
            <Button variant="default" onClick={close}>
              Cancel
            </Button>
            <Button type="submit" loading={busy}>
              {withPassword ? 'Save with this password' : 'Save without a password'}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  )
}
