'use client'
import { memo } from 'react'
import { SECTION_STATE_LABELS, type SectionStatus } from '@/lib/editor/section-status'
import type { FormatDef } from '@/lib/format/types'

interface Props {
  format: FormatDef
  statuses: SectionStatus[]
  active: string
  onSelect: (key: string) => void
}

/** The six sections in order, each with its state and open findings. */
export const SectionStepper = memo(function SectionStepper({ format, statuses, active, onSelect }: Props) {
  return (
    <nav className="stepper" aria-label="年报各部分">
      <ol>
        {format.sections.map((section, i) => {
          const status = statuses[i]
          return (
            <li key={section.key}>
              <button
                type="button"
                className={`step step-${status.state}${section.key === active ? ' step-active' : ''}`}
                aria-current={section.key === active ? 'step' : undefined}
                data-section={section.key}
                onClick={() => onSelect(section.key)}
              >
                <span className="step-heading">{section.heading}</span>
                <span className="step-state">
                  <span className="step-state-line">
                    {SECTION_STATE_LABELS[status.state]}
                    {status.openFindings > 0 ? <span className="step-count">{status.openFindings}</span> : null}
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
