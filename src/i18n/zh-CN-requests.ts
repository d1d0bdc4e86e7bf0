// 服务请求、服务目录和人员目录的简体中文目录。
import type { enRequests } from './en-requests.js';

export const zhCNRequests: Record<keyof typeof enRequests, string> = {
  'error.no_department_head': '我不知道您的部门负责人是谁，因此无人可以审批。请管理员把您和您的部门负责人加入人员目录（`/itsm admin import-directory`）。',
  'error.not_a_request_approver': '您不是此服务请求的审批人。',
  'error.admins_only': '只有管理员可以这样做。',
};
