import type { Kysely } from 'kysely';
import { columnTypes } from './column-types';

/**
 * Volunteer tasks, hours and certificates (issue 16): a task in a place and a window, assigned to a
 * person, a volunteer group or a team and kept per person; check-ins and check-outs (服务时长) per
 * task or per checkpoint shift, approved or refused by the lead and never deleted; and the
 * 志愿服务证明 issued over them, with a serial and a public check code.
 */
export async function up(db: Kysely<any>): Promise<void> {
  const { id, pathType } = columnTypes(db);
  await db.schema
    .createTable('volunteer_tasks')
    .addColumn('id', id, (c) => c.primaryKey())
    .addColumn('region_id', id, (c) => c.notNull().references('regions.id'))
    .addColumn('region_path', pathType, (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('place', 'text', (c) => c.notNull())
    .addColumn('starts_at', 'text', (c) => c.notNull())
    .addColumn('ends_at', 'text', (c) => c.notNull())
    .addColumn('assignee_kind', 'text', (c) => c.notNull())
    .addColumn('group_id', id)
    .addColumn('team_id', id)
    .addColumn('gathering_id', id)
    .addColumn('necessity_id', id)
    .addColumn('site_id', id)
    .addColumn('shift_id', id)
    .addColumn('status', 'text', (c) => c.notNull().defaultTo('open'))
    .addColumn('note', 'text')
    .addColumn('done_note', 'text')
    .addColumn('photo_file', 'text')
    .addColumn('photo_type', 'text')
    .addColumn('done_at', 'text')
    .addColumn('done_by', id)
    .addColumn('cancel_reason', 'text')
    .addColumn('created_by', id)
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('volunteer_tasks_path').on('volunteer_tasks').columns(['region_path', 'id']).execute();
  await db.schema.createIndex('volunteer_tasks_group').on('volunteer_tasks').column('group_id').execute();
  await db.schema.createIndex('volunteer_tasks_team').on('volunteer_tasks').column('team_id').execute();

  await db.schema
    .createTable('volunteer_task_assignees')
    .addColumn('task_id', id, (c) => c.notNull().references('volunteer_tasks.id'))
    .addColumn('person_id', id, (c) => c.notNull().references('persons.id'))
    .addColumn('region_path', pathType, (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('volunteer_task_assignees_pk', ['task_id', 'person_id'])
    .execute();
  await db.schema
    .createIndex('volunteer_task_assignees_person')
    .on('volunteer_task_assignees')
    .column('person_id')
    .execute();

  await db.schema
    .createTable('volunteer_hours')
    .addColumn('id', id, (c) => c.primaryKey())
    .addColumn('person_id', id, (c) => c.notNull().references('persons.id'))
    .addColumn('region_path', pathType, (c) => c.notNull())
    .addColumn('task_id', id, (c) => c.references('volunteer_tasks.id'))
    .addColumn('shift_id', id)
    .addColumn('group_id', id)
    .addColumn('team_id', id)
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('check_in_at', 'text', (c) => c.notNull())
    .addColumn('check_out_at', 'text')
    .addColumn('minutes', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('auto_closed', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('status', 'text', (c) => c.notNull().defaultTo('open'))
    .addColumn('refusal_reason', 'text')
    .addColumn('checked_in_by', id)
    .addColumn('checked_out_by', id)
    .addColumn('decided_by', id)
    .addColumn('decided_at', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('volunteer_hours_path').on('volunteer_hours').columns(['region_path', 'id']).execute();
  await db.schema
    .createIndex('volunteer_hours_person')
    .on('volunteer_hours')
    .columns(['person_id', 'check_in_at'])
    .execute();
  await db.schema
    .createIndex('volunteer_hours_open')
    .on('volunteer_hours')
    .columns(['status', 'check_in_at'])
    .execute();
  await db.schema.createIndex('volunteer_hours_task').on('volunteer_hours').column('task_id').execute();

  await db.schema
    .createTable('volunteer_certificates')
    .addColumn('id', id, (c) => c.primaryKey())
    .addColumn('serial', 'text', (c) => c.notNull().unique())
    .addColumn('code', 'text', (c) => c.notNull().unique())
    .addColumn('person_id', id, (c) => c.notNull().references('persons.id'))
    .addColumn('region_path', pathType, (c) => c.notNull())
    .addColumn('from_day', 'text', (c) => c.notNull())
    .addColumn('to_day', 'text', (c) => c.notNull())
    .addColumn('total_minutes', 'integer', (c) => c.notNull())
    .addColumn('breakdown', 'text', (c) => c.notNull())
    .addColumn('issuer', 'text', (c) => c.notNull())
    .addColumn('issued_by', id, (c) => c.notNull())
    .addColumn('issued_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('volunteer_certificates_path')
    .on('volunteer_certificates')
    .columns(['region_path', 'id'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of ['volunteer_certificates', 'volunteer_hours', 'volunteer_task_assignees', 'volunteer_tasks'])
    await db.schema.dropTable(table).execute();
}
