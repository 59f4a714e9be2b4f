import { Stack, Text } from '@mantine/core'

interface Props {
  /** 0–1: how much of the segment's time is left. */
  fraction: number
  title: string
  caption: string
}

/** A calm disc that empties as the segment's time passes: no ticking seconds for the room. */
export function TimerDisc({ fraction, title, caption }: Props) {
  const size = 360
  const stroke = 28
  const radius = (size - stroke) / 2
  const circumference = 2 * Math.PI * radius
  const left = Math.max(0, Math.min(1, fraction))
  return (
    <Stack align="center" gap="lg" data-testid="audience-timer">
      <svg
        width={size}
        height={size}
        viewBox={`0 0 ${size} ${size}`}
        role="img"
        aria-label={`${title}: ${caption}`}
      >
        <circle
          cx={size / 2}
          cy={size / 2}
          r={radius}
          fill="none"
          stroke="#26323f"
          strokeWidth={stroke}
        />
        <circle
          cx={size / 2}
          cy={size / 2}
          r={radius}
          fill="none"
          stroke="#7cc4b5"
          strokeWidth={stroke}
          strokeLinecap="round"
          strokeDasharray={circumference}
          strokeDashoffset={circumference * (1 - left)}
          transform={`rotate(-90 ${size / 2} ${size / 2})`}
        />
      </svg>
      <Text fz={44} fw={600} c="#e8eef2" ta="center">
        {title}
      </Text>
      <Text fz={30} c="#b9c6cf" ta="center">
        {caption}
      </Text>
    </Stack>
  )
}
