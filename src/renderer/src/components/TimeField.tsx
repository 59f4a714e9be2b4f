import { TimePicker, type TimePickerProps } from '@mantine/dates'
import { useTimeFormat } from '../app/clinicTime'
import { useOutsideChanges } from './useOutsideChanges'

type Passed = Omit<
  TimePickerProps,
  | 'label'
  | 'value'
  | 'defaultValue'
  | 'onChange'
  | 'format'
  | 'withSeconds'
  | 'hoursInputLabel'
  | 'minutesInputLabel'
  | 'amPmInputLabel'
>

export interface TimeFieldProps extends Passed {
  /** Also names each part for a screen reader: "Start time, hour", "Start time, minutes". */
  label: string
  /** 'HH:MM' on the 24-hour clock, or '' for no time yet. */
  value?: string
  /** For forms in uncontrolled mode (Mantine's form.getInputProps gives this instead of value). */
  defaultValue?: string
  /** Called with 'HH:MM' (24-hour) once hour, minutes (and AM/PM) are all given; '' when cleared. */
  onChange?: (value: string) => void
}

/**
 * A time of day on the clinic's clock, shown the way the clinic writes times
 * (Settings → Clinic: 12- or 24-hour): @mantine/dates' TimePicker. Typed
 * digit by digit ("0915" moves on to the minutes by itself), changed with the
 * arrow keys, or picked from the lists that open under it. Whatever it shows,
 * its value is 'HH:MM' on the 24-hour clock, as records keep it.
 */
export function TimeField({ label, value, onChange, ...rest }: TimeFieldProps) {
  const format = useTimeFormat()
  const outside = useOutsideChanges(value)
  return (
    <TimePicker
      // The picker reads its value in the format it starts with: a new format starts it again,
      // and so does a value changed from outside it.
      key={`${format}-${outside.generation}`}
      withDropdown
      popoverProps={{ shadow: 'md' }}
      {...rest}
      {...(value !== undefined ? { value } : {})}
      onChange={(next) => {
        outside.own(next)
        onChange?.(next)
      }}
      label={label}
      format={format}
      withSeconds={false}
      hoursInputLabel={`${label}, hour`}
      minutesInputLabel={`${label}, minutes`}
      amPmInputLabel={`${label}, AM or PM`}
    />
  )
}
