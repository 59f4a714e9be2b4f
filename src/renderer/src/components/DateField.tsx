import { DateInput, type DateInputProps } from '@mantine/dates'
import type { FocusEvent, ReactNode } from 'react'
import { useOutsideChanges } from './useOutsideChanges'

/** How every date field shows and takes a date: the way the app writes dates everywhere. */
export const DATE_FIELD_FORMAT = 'YYYY-MM-DD'

const TYPED_DATE = /^(\d{4})-(\d{2})-(\d{2})$/

/**
 * A date typed in full as YYYY-MM-DD, or null while it is still being typed or
 * is no calendar day (2026-02-30): half a date never becomes the value.
 */
export function parseTypedDate(typed: string): string | null {
  const match = TYPED_DATE.exec(typed.trim())
  if (!match) return null
  const [, y, m, d] = match.map(Number) as [number, number, number, number]
  const day = new Date(Date.UTC(y, m - 1, d))
  const real = day.getUTCFullYear() === y && day.getUTCMonth() === m - 1 && day.getUTCDate() === d
  return real ? typed.trim() : null
}

type Passed = Omit<
  DateInputProps,
  | 'value'
  | 'defaultValue'
  | 'onChange'
  | 'valueFormat'
  | 'dateParser'
  | 'minDate'
  | 'maxDate'
  | 'label'
  | 'onBlur'
  | 'onFocus'
>

export interface DateFieldProps extends Passed {
  label: ReactNode
  /** 'YYYY-MM-DD', or '' for no date yet. */
  value?: string
  /** For forms in uncontrolled mode (Mantine's form.getInputProps gives this instead of value). */
  defaultValue?: string
  /** Called with 'YYYY-MM-DD', or '' when the date is cleared. */
  onChange?: (value: string) => void
  onBlur?: (event: FocusEvent<HTMLInputElement>) => void
  onFocus?: (event: FocusEvent<HTMLInputElement>) => void
  /** The earliest and latest dates the calendar offers and typing accepts ('YYYY-MM-DD'). */
  min?: string
  max?: string
}

/**
 * A date, typed (YYYY-MM-DD) or chosen from a calendar that opens under the
 * field: @mantine/dates' DateInput, with the app's one date format. Its value
 * is the calendar date as a string, never an instant, so no time zone can
 * move it by a day.
 */
export function DateField({
  value,
  defaultValue,
  onChange,
  min,
  max,
  placeholder,
  ...rest
}: DateFieldProps) {
  const outside = useOutsideChanges(value)
  return (
    <DateInput
      key={outside.generation}
      {...rest}
      {...(value !== undefined ? { value: value || null } : {})}
      {...(defaultValue !== undefined ? { defaultValue: defaultValue || null } : {})}
      onChange={(next) => {
        outside.own(next ?? '')
        onChange?.(next ?? '')
      }}
      valueFormat={DATE_FIELD_FORMAT}
      dateParser={parseTypedDate}
      minDate={min || undefined}
      maxDate={max || undefined}
      placeholder={placeholder ?? 'YYYY-MM-DD'}
      popoverProps={{ shadow: 'md', ...rest.popoverProps }}
    />
  )
}
