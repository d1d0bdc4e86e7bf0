// 简体中文目录。术语与 ISO/IEC 20000（GB/T 24405.1）用户的用语一致。
import type { MessageKey } from './en.js';

export const zhCN: Record<MessageKey, string> = {
  'help.title': 'IT 服务台命令',
  'help.body':
    '• `/incident <问题描述>` 一句话报告事件\n' +
    '• `/incident` 用完整表单报告事件\n' +
    '• `/request` 提交服务请求\n' +
    '• `/problem` 记录问题\n' +
    '• `/change` 提交变更请求\n' +
    '• `/oncall` 查看值班工程师\n' +
    '• `/itsm help` 本列表；`/itsm admin` 设置（管理员）\n' +
    '也可以在任意消息的 ⋯ 菜单中选择“报告事件”。',
  'command.unknown': '抱歉，我不认识 `{command} {text}`。输入 `/itsm help` 查看命令列表。',
  'command.not_yet': '`{command}` 暂未开放。输入 `/itsm help` 查看目前可用的功能。',

  'error.generic': '出现错误，未做任何更改。请重试；如果问题持续，请联系服务台（参考编号 {reference}）。',
  'error.not_allowed': '您无权对此工单执行该操作。',
  'error.transition_not_allowed': '工单处于“{state}”状态时不能执行该操作。',
  'error.record_closed': '{number} 已关闭，不能再修改。',
  'error.not_found': '找不到 {number}。',
  'error.invalid_input': '输入无效。',
  'error.reason_required': '请填写原因。',
  'error.text_required': '请填写内容。',
  'error.already_done': '该操作已经完成。',
  'error.duplicate_of_self': '工单不能与自身重复。',
  'error.tier_not_higher': '工单已在该支持级别或更高级别。',

  'incident.modal.title': '报告事件',
  'incident.modal.submit': '提交',
  'incident.modal.cancel': '取消',
  'incident.field.title': '标题',
  'incident.field.title.hint': '简要说明什么出了问题',
  'incident.field.description': '描述',
  'incident.field.description.hint': '发生了什么、从何时开始、影响了谁',
  'incident.field.impact': '影响度',
  'incident.field.urgency': '紧急度',
  'incident.field.category': '分类',
  'incident.field.category.placeholder': '选择分类',
  'incident.field.security': '安全',
  'incident.field.security.option': '这是信息安全事件',
  'incident.validation.title_required': '请填写事件标题。',
  'incident.validation.title_too_long': '标题不能超过 {max} 个字符。',
  'incident.validation.description_too_long': '描述不能超过 {max} 个字符。',
  'incident.validation.choose_one': '请选择一项。',
  'incident.validation.unknown_category': '请从列表中选择分类。',

  'incident.reported': '已登记 {number}：*{title}*（优先级 {priority}）。服务台已收到，后续进展会在这里通知您。',
  'incident.card.fallback': '{number} {title}（{priority}，{state}）',
  'incident.card.priority': '优先级',
  'incident.card.state': '状态',
  'incident.card.assignee': '处理人',
  'incident.card.category': '分类',
  'incident.card.reporter': '报告人',
  'incident.card.source': '事件来源',
  'incident.card.opened': '登记于 {time}',
  'incident.card.unassigned': '未分派',
  'incident.card.uncategorised': '未分类',
  'incident.card.security': ':lock: 信息安全事件',

  'impact.very_high': '很高：整个组织或关键服务',
  'impact.high': '高：一个部门或大量用户',
  'impact.medium': '中：少数用户',
  'impact.low': '低：单个用户',
  'urgency.critical': '紧急：工作已停止',
  'urgency.high': '高：工作受到严重影响',
  'urgency.medium': '中：工作可继续但有困难',
  'urgency.low': '低：有些不便',
  'priority.P1': 'P1 紧急',
  'priority.P2': 'P2 高',
  'priority.P3': 'P3 中',
  'priority.P4': 'P4 低',
  'state.new': '新建',
  'state.in_progress': '处理中',
  'state.on_hold': '挂起',
  'state.resolved': '已解决',
  'state.closed': '已关闭',
  'source.slash_command': '斜杠命令',
  'source.modal': '表单',
  'source.message_shortcut': '消息快捷方式',
  'source.app_home': '应用主页',
};
