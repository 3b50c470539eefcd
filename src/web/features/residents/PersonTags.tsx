import { Tag } from 'antd';
import type React from 'react';
import { PERSON_TAGS, type PersonTag } from '../../../shared/residents';
import { useI18n } from '../../app/i18n';

/** Risk flags in warm colours, vulnerabilities in cool ones, so a list is read at a glance. */
const TAG_COLORS: Record<PersonTag, string> = {
  fever: 'red',
  hubei_travel: 'volcano',
  contact_history: 'orange',
  key_person: 'magenta',
  returnee: 'gold',
  elderly_alone: 'blue',
  chronic_illness: 'geekblue',
  pregnant: 'purple',
  non_local: 'cyan',
  unverified_identity: 'default',
};

/** A person's tags as coloured antd Tags, in the catalogue's order. */
export function PersonTags({ tags }: { tags: readonly PersonTag[] }) {
  const { t } = useI18n();
  if (!tags.length) return null;
  return (
    <span style={{ display: 'inline-flex', flexWrap: 'wrap', gap: 4 }}>
      {PERSON_TAGS.filter((tag) => tags.includes(tag)).map((tag) => (
        <Tag key={tag} color={TAG_COLORS[tag]} style={{ marginInlineEnd: 0 }} data-testid={`tag-${tag}`}>
          {t(`tag.${tag}`)}
        </Tag>
      ))}
    </span>
  );
}

/** Options for a tag Select; pair with `tagOptionRender` (and `tagRender` for multiple). */
export function useTagOptions() {
  const { t } = useI18n();
  return PERSON_TAGS.map((tag) => ({ value: tag, label: t(`tag.${tag}`) }));
}

export function tagOptionRender(option: { value?: string | number | null; label?: React.ReactNode }) {
  return <Tag color={TAG_COLORS[option.value as PersonTag]}>{option.label}</Tag>;
}

/** A selected tag inside a multiple Select, in its colour. */
export function tagRender(props: { value: string; label: React.ReactNode; closable: boolean; onClose: () => void }) {
  return (
    <Tag
      color={TAG_COLORS[props.value as PersonTag]}
      closable={props.closable}
      onClose={props.onClose}
      style={{ marginInlineEnd: 4 }}
    >
      {props.label}
    </Tag>
  );
}
