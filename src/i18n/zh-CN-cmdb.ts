// 配置管理（CMDB）和定期维护的简体中文目录。
import type { enCmdb } from './en-cmdb.js';

export const zhCNCmdb: Record<keyof typeof enCmdb, string> = {
  'error.ci_edit_refused': '{item} 的属性只能通过列出它的已完成变更来修改。请用 `/change` 提交变更，并在“配置项更新”中填写，例如 `{item} {field}=…`。',
  'error.not_maintenance_planner': '只有配置项负责人、管理员和变更经理可以为其制定维护计划。',
  'error.not_maintenance_owner': '只有该维护的负责人、其团队主管或管理员可以这样做。',
};
