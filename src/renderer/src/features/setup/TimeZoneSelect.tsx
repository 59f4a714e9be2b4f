import { Select, type SelectProps } from '@mantine/core'
import { useMemo } from 'react'

function timeZones(): string[] {
  try {
    return Intl.supportedValuesOf('timeZone')
  } catch {
    return ['UTC']
  }
}

export function TimeZoneSelect(props: Omit<SelectProps, 'data'>) {
  const data = useMemo(() => {
    const zones = timeZones()
    return zones.includes('UTC') ? zones : ['UTC', ...zones]
  }, [])
  return (
    <Select label="Time zone" searchable allowDeselect={false} limit={50} data={data} {...props} />
  )
}
