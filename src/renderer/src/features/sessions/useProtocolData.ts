import { useQuery } from '@tanstack/react-query'
import { api, unwrap } from '../../api'

export const contactsKey = ['clinic', 'contacts'] as const

/** Whom the protocols say to call: the clinic's contacts from Settings. */
export function useClinicContacts() {
  return useQuery({ queryKey: contactsKey, queryFn: () => unwrap(api().clinic.contacts()) })
}
