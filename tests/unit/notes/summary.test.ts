import { describe, expect, it } from 'vitest'
import { emptyBody } from '../../../src/shared/domain/note'
import { firstLine, noteSummary } from '../../../src/shared/notes/summary'

describe('the note read back before signing', () => {
  it('shows each section by its first written line, and says which are empty', () => {
    const body = {
      ...emptyBody('BIRP'),
      sections: {
        behavior: '\n  Quiet at first, then joined the role-play.\nLater: shared a plan.',
        intervention: 'Modelled a refusal script.',
        response: '   ',
        plan: 'Practise twice before Thursday.'
      },
      risk: 'none' as const
    }
    expect(noteSummary('BIRP', body)).toEqual([
      { label: 'Behavior', text: 'Quiet at first, then joined the role-play.' },
      { label: 'Intervention', text: 'Modelled a refusal script.' },
      { label: 'Response', text: null },
      { label: 'Plan', text: 'Practise twice before Thursday.' },
      { label: 'Risk', text: 'None identified' }
    ])
  })

  it('says the risk is not assessed yet when no level is chosen', () => {
    expect(noteSummary('DAP', emptyBody('DAP')).at(-1)).toEqual({
      label: 'Risk',
      text: 'Not assessed yet'
    })
  })

  it('cuts a long first line at a word, marked with an ellipsis', () => {
    const long = 'word '.repeat(40).trim()
    const cut = firstLine(long, 23)
    expect(cut).toBe('word word word word…')
    expect(firstLine('short', 23)).toBe('short')
  })
})
