import { Group, Radio } from '@mantine/core'
import { TIME_FORMATS, twelveHour, type TimeFormat } from '../../../../shared/rules/dates'

const LABELS: Record<TimeFormat, string> = {
  '24h': `24-hour (14:05)`,
  '12h': `12-hour (${twelveHour('14:05')})`
}

/**
 * How the clinic writes times, on every screen and printout: chosen once. Takes `value` from a
 * controlled form, or `defaultValue` from an uncontrolled one (Settings), so the clinic's own
 * format shows chosen when the page opens.
 */
export function TimeFormatChoice(props: {
  value?: TimeFormat
  defaultValue?: TimeFormat
  onChange?: (value: TimeFormat) => void
  disabled?: boolean
  error?: string
}) {
  return (
    <Radio.Group
      label="Time format"
      description="How every screen and printout writes a time of day, in the clinic’s time zone."
      value={props.value}
      defaultValue={props.defaultValue}
      onChange={(value) => props.onChange?.(value as TimeFormat)}
      error={props.error}
    >
      <Group gap="lg" mt={4}>
        {TIME_FORMATS.map((format) => (
          <Radio key={format} value={format} label={LABELS[format]} disabled={props.disabled} />
        ))}
      </Group>
    </Radio.Group>
  )
}
