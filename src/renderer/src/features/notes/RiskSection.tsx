import { Alert, Group, List, Radio, Stack, Text, Textarea } from '@mantine/core'
import type { ReactNode } from 'react'
import { RISK_LABELS, RiskLevel, type NoteBody } from '../../../../shared/domain/note'
import { clinicTimeOfDay } from '../../../../shared/rules/dates'
import { useTimeFormat } from '../../app/clinicTime'
import type { SafetyFact } from '../../../../shared/notes/risk'

/**
 * The risk section of a draft: no level is chosen until the counselor assesses
 * one. What the day recorded about this participant's safety is shown first;
 * with it, "None identified" asks for a written reason.
 */
export function RiskSection(props: {
  participantId: string
  body: NoteBody
  safety: readonly SafetyFact[]
  timeZone: string
  onChange: (change: Partial<NoteBody>) => void
  onBlur: () => void
  /** Name marks for a text, placed under its field. */
  marks: (text: string, field: string) => ReactNode
}) {
  const timeFormat = useTimeFormat()
  const { body, safety } = props
  const reasonNeeded = body.risk === 'none' && safety.length > 0
  const textLabel =
    body.risk === 'none'
      ? reasonNeeded
        ? 'Why no risk was identified, given what was recorded today'
        : 'Notes on the assessment (optional)'
      : 'What was assessed, and why this level'
  return (
    <Stack gap={6} role="group" aria-label="Risk assessment">
      <Text fw={600} size="sm">
        Risk assessment
      </Text>
      {safety.length > 0 && (
        <Alert color="orange" title="Recorded today for this participant" data-testid="risk-facts">
          <List size="sm" spacing={2}>
            {safety.map((fact, i) => (
              <List.Item key={i}>
                {fact.at
                  ? `${clinicTimeOfDay(Date.parse(fact.at), props.timeZone, timeFormat)} · `
                  : ''}
                {fact.text}
              </List.Item>
            ))}
          </List>
          <Text size="sm" mt={4}>
            Choose the level from your own assessment. “None identified” needs a written reason.
          </Text>
        </Alert>
      )}
      <Radio.Group
        label="Risk level"
        description={
          body.risk === null ? 'Not assessed yet: choose a level before signing.' : undefined
        }
        required
        value={body.risk ?? ''}
        onChange={(value) => props.onChange({ risk: RiskLevel.parse(value) })}
      >
        <Group gap="md" mt={4}>
          {RiskLevel.options.map((level) => (
            <Radio
              key={level}
              value={level}
              label={RISK_LABELS[level]}
              id={`risk-${props.participantId}-${level}`}
            />
          ))}
        </Group>
      </Radio.Group>
      {body.risk !== null && (
        <>
          <Textarea
            label={textLabel}
            required={body.risk !== 'none' || reasonNeeded}
            autosize
            minRows={2}
            value={body.riskText}
            onChange={(e) => props.onChange({ riskText: e.currentTarget.value })}
            onBlur={props.onBlur}
          />
          {props.marks(body.riskText, 'the risk assessment')}
        </>
      )}
      <Textarea
        label="Follow-up"
        autosize
        minRows={1}
        value={body.followUp}
        onChange={(e) => props.onChange({ followUp: e.currentTarget.value })}
        onBlur={props.onBlur}
      />
      {props.marks(body.followUp, 'the follow-up')}
    </Stack>
  )
}
