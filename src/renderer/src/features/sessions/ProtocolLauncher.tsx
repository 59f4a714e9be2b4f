import { Button, Menu } from '@mantine/core'
import { PROTOCOL_KINDS, type SafetyProtocolKind } from '../../../../shared/domain/protocol'
import { PROTOCOLS } from '../../../../shared/session/protocols'

/**
 * Every crisis protocol, two presses from the running screen: this button,
 * then the crisis. The protocol opens on this screen only.
 */
export function ProtocolLauncher({
  onStart,
  label = 'Crisis protocol',
  compact = false
}: {
  onStart(kind: SafetyProtocolKind): void
  label?: string
  compact?: boolean
}) {
  return (
    <Menu position="bottom-end" withinPortal>
      <Menu.Target>
        <Button
          color="red"
          variant="light"
          size={compact ? 'compact-sm' : 'sm'}
          leftSection={<span aria-hidden>⚠</span>}
        >
          {label}
        </Button>
      </Menu.Target>
      <Menu.Dropdown aria-label={label}>
        {PROTOCOL_KINDS.map((kind) => (
          <Menu.Item key={kind} onClick={() => onStart(kind)}>
            {PROTOCOLS[kind].menuLabel}
          </Menu.Item>
        ))}
      </Menu.Dropdown>
    </Menu>
  )
}
