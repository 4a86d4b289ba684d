'use client'
import { memo, type Ref } from 'react'
import { SECTION_STATE_LABELS, type SectionStatus } from '@/lib/editor/section-status'
import type { FormatDef } from '@/lib/format/types'

interface Props {
  format: FormatDef
  statuses: SectionStatus[]
  active: string
  onSelect: (key: string) => void
  ref?: Ref<HTMLElement>
}

const stepClass = (status: SectionStatus, active: boolean) => `step step-${status.state}${active ? ' step-active' : ''}`

/**
 * The six sections in order, each with its state and open findings. The state's label and count
 * are always there (the count empty when there is none), so that `writeStatuses` can update them
 * on a keystroke without React (decision 0760).
 */
export const SectionStepper = memo(function SectionStepper({ format, statuses, active, onSelect, ref }: Props) {
  return (
    <nav ref={ref} className="stepper" aria-label="年报各部分">
      <ol>
        {format.sections.map((section, i) => {
          const status = statuses[i]
          return (
            <li key={section.key}>
              <button
                type="button"
                className={stepClass(status, section.key === active)}
                aria-current={section.key === active ? 'step' : undefined}
                data-section={section.key}
                onClick={() => onSelect(section.key)}
              >
                <span className="step-heading">{section.heading}</span>
                <span className="step-state">
                  <span className="step-state-line">
                    <span className="step-label">{SECTION_STATE_LABELS[status.state]}</span>
                    <span className="step-count">{status.openFindings > 0 ? status.openFindings : ''}</span>
                  </span>
                </span>
              </button>
            </li>
          )
        })}
      </ol>
    </nav>
  )
})

/**
 * Writes new statuses on a stepper drawn by `SectionStepper` (a keystroke's update, outside
 * React: decision 0760), only what differs. What it writes is what `SectionStepper` renders for
 * the same statuses, so a later render of it (another section chosen) agrees with the page.
 */
export function writeStatuses(nav: HTMLElement, statuses: readonly SectionStatus[], active: string) {
  for (const status of statuses) {
    const button = nav.querySelector<HTMLElement>(`[data-section="${status.key}"]`)
    if (!button) continue
    const className = stepClass(status, status.key === active)
    if (button.className !== className) button.className = className
    const label = button.querySelector('.step-label')
    const text = SECTION_STATE_LABELS[status.state]
    if (label && label.textContent !== text) label.textContent = text
    const count = button.querySelector('.step-count')
    const n = status.openFindings > 0 ? String(status.openFindings) : ''
    if (count && count.textContent !== n) count.textContent = n
  }
}
