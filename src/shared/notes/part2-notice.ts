/**
 * The written notice 42 CFR § 2.32(a) requires with every disclosure of a
 * substance-use-disorder record made with the patient's written consent, in the
 * wording of the 2024 final rule (89 FR 12472, Feb. 16, 2024; effective
 * April 16, 2024; compliance required by February 16, 2026). The wording is
 * prescribed by the regulation, so it is quoted, not paraphrased; federal
 * regulation text is in the public domain.
 *
 * Verification (see the report that shipped this file):
 * - The section heading ("Notice and copy of consent to accompany disclosure"),
 *   the lead-in of (a), "Statement 1", and Statement 1's text up to and including
 *   "unless at least one of the following applies:" were checked word for word
 *   against a published copy of the current § 2.32 (compliancecosmos.org, § 2.32).
 * - Items (i) to (iii) and the closing sentence ("A general authorization ...
 *   (see 42 CFR 2.31).") were checked against two independent public
 *   implementations that quote the 2024 text and agree word for word; that
 *   publisher's copy of the rest of the section was behind a login, and no
 *   eCFR or Federal Register page carrying the 2024 text was reachable here.
 * - The pre-2024 wording ("Prohibition on re-disclosure", "This information has
 *   been disclosed to you from records protected by federal confidentiality
 *   rules ...") is superseded and must not be used.
 * Before release, compare with § 2.32 on ecfr.gov (Title 42, Part 2, Subpart C).
 */

/** § 2.32(a)(1), "Statement 1": printed on every page of a disclosed Part 2 record. */
export const PART2_NOTICE: string =
  'This record which has been disclosed to you is protected by Federal confidentiality rules ' +
  '(42 CFR part 2). These rules prohibit you from using or disclosing this record, or testimony ' +
  'that describes the information contained in this record, in any civil, criminal, ' +
  'administrative, or legislative proceedings by any Federal, State, or local authority, ' +
  'against the patient, unless authorized by the consent of the patient, except as provided at ' +
  '42 CFR 2.12(c)(5) or as authorized by a court in accordance with 42 CFR 2.64 or 2.65. In ' +
  'addition, the Federal rules prohibit you from making any other use or disclosure of this ' +
  'record unless at least one of the following applies:\n' +
  '(i) Further use or disclosure is expressly permitted by the written consent of the ' +
  'individual whose information is being disclosed in this record or as otherwise permitted ' +
  'by 42 CFR part 2.\n' +
  '(ii) You are a covered entity or business associate and have received the record for ' +
  'treatment, payment, or health care operations, or\n' +
  '(iii) You have received the record from a covered entity or business associate as ' +
  'permitted by 45 CFR part 164, subparts A and E.\n' +
  'A general authorization for the release of medical or other information is NOT sufficient ' +
  'to meet the required elements of written consent to further use or redisclose the record ' +
  '(see 42 CFR 2.31).'

/**
 * § 2.32(a)(2), "Statement 2": the abbreviated alternative the regulation also
 * allows, for places too small for Statement 1 (a label, a screen banner).
 */
export const PART2_NOTICE_SHORT: string =
  '42 CFR part 2 prohibits unauthorized use or disclosure of these records.'

/** Where the wording comes from, for a citation under the notice. */
export const PART2_SOURCE: string =
  '42 CFR § 2.32(a)(1), as amended by the final rule of February 16, 2024 (89 FR 12472)'
