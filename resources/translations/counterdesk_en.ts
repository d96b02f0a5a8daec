<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1" language="en_US">
<context>
    <name />
    <message>
        <location filename="../../ui/dialogs.py" line="340" />
        <source>部门签收人</source>
        <translation>Received by (department)</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs.py" line="341" />
        <source>通知方式（电话/短信/当面）</source>
        <translation>How notified (phone/SMS/in person)</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs.py" line="342" />
        <source>中止原因（听证、检测、专家评审）</source>
        <translation>Reason to suspend (hearing, testing, expert review)</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs.py" line="343" />
        <source>撤回原因</source>
        <translation>Reason for withdrawal</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs.py" line="344" />
        <source>终止原因</source>
        <translation>Reason for termination</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs.py" line="345" />
        <source>备注内容</source>
        <translation>Note text</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs.py" line="308" />
        <source>没有可以接手的人：除当前承办人外，本中心没有在用的窗口人员或中心负责人账户。请系统管理员添加或启用账户后再转交。</source>
        <translation>Nobody can take this case over: apart from its current clerk, this center has no active counter-clerk or center-chief account. Ask the system administrator to add or re-enable an account, then transfer.</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs.py" line="309" />
        <source>转交</source>
        <translation>Transfer</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs.py" line="346" />
        <source>送件人（默认本人）</source>
        <translation>Carrier (default: me)</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs.py" line="347" />
        <source>取件人（默认本人）</source>
        <translation>Collected by (default: me)</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs.py" line="350" />
        <source>请填写部门签收人的姓名（谁在部门签收了材料）</source>
        <translation>Please give the name of the person at the department who signed for the materials</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs.py" line="353" />
        <source>电话</source>
        <translation>Phone</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs.py" line="369" />
        <source>办结</source>
        <translation>Complete</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs.py" line="369" />
        <source>领取人</source>
        <translation>Collected by</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs.py" line="372" />
        <location filename="../../ui/dialogs.py" line="375" />
        <source>整改回访</source>
        <translation>Rectification call-back</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs.py" line="372" />
        <source>回访情况</source>
        <translation>Call-back notes</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs.py" line="375" />
        <source>申请人对整改满意吗？</source>
        <translation>Is the applicant satisfied with the rectification?</translation>
    </message>
</context>
<context>
    <name>AccessDialog</name>
    <message>
        <location filename="../../ui/_i18n_strings.py" line="173" />
        <source>打开案件</source>
        <translation>Opened a case</translation>
    </message>
    <message>
        <location filename="../../ui/_i18n_strings.py" line="174" />
        <source>显示完整证件号</source>
        <translation>Revealed a full ID number</translation>
    </message>
    <message>
        <location filename="../../ui/_i18n_strings.py" line="175" />
        <source>显示完整电话</source>
        <translation>Revealed a full phone</translation>
    </message>
    <message>
        <location filename="../../ui/_i18n_strings.py" line="176" />
        <source>按证件号/号码查询</source>
        <translation>Searched by ID/number</translation>
    </message>
    <message>
        <location filename="../../ui/_i18n_strings.py" line="177" />
        <source>按姓名查询</source>
        <translation>Searched by name</translation>
    </message>
    <message>
        <location filename="../../ui/_i18n_strings.py" line="178" />
        <source>按证件号调取老用户信息</source>
        <translation>Looked up a returning citizen by ID</translation>
    </message>
    <message>
        <location filename="../../ui/_i18n_strings.py" line="179" />
        <source>打印含个人信息的清单</source>
        <translation>Printed a list with personal data</translation>
    </message>
    <message>
        <location filename="../../ui/_i18n_strings.py" line="180" />
        <source>导出含个人信息的清单</source>
        <translation>Exported a list with personal data</translation>
    </message>
    <message>
        <location filename="../../ui/_i18n_strings.py" line="181" />
        <source>按号码</source>
        <translation>by number</translation>
    </message>
    <message>
        <location filename="../../ui/_i18n_strings.py" line="182" />
        <source>按姓名</source>
        <translation>by name</translation>
    </message>
    <message>
        <location filename="../../ui/_i18n_strings.py" line="183" />
        <source>按拼音</source>
        <translation>by pinyin</translation>
    </message>
    <message>
        <location filename="../../ui/_i18n_strings.py" line="184" />
        <source>按文字</source>
        <translation>by text</translation>
    </message>
    <message>
        <location filename="../../ui/_i18n_strings.py" line="185" />
        <source>按案件编号</source>
        <translation>by case number</translation>
    </message>
    <message>
        <location filename="../../ui/_i18n_strings.py" line="186" />
        <source>老用户</source>
        <translation>returning citizen</translation>
    </message>
    <message>
        <location filename="../../ui/_i18n_strings.py" line="187" />
        <source>新申请人</source>
        <translation>new applicant</translation>
    </message>
    <message>
        <location filename="../../ui/_i18n_strings.py" line="188" />
        <source>送件交接单</source>
        <translation>Handover list</translation>
    </message>
    <message>
        <location filename="../../ui/_i18n_strings.py" line="189" />
        <source>结果返回清单</source>
        <translation>Returns list</translation>
    </message>
    <message>
        <location filename="../../ui/_i18n_strings.py" line="190" />
        <source>中心日报</source>
        <translation>Daily report</translation>
    </message>
    <message>
        <location filename="../../ui/_i18n_strings.py" line="191" />
        <source>中心月报</source>
        <translation>Monthly report</translation>
    </message>
    <message>
        <location filename="../../ui/_i18n_strings.py" line="192" />
        <source>统计报表</source>
        <translation>Dashboard figures</translation>
    </message>
    <message>
        <location filename="../../ui/_i18n_strings.py" line="193" />
        <source>案件清单</source>
        <translation>Case list</translation>
    </message>
    <message>
        <location filename="../../ui/_i18n_strings.py" line="194" />
        <source>（不止一页）</source>
        <translation> (more than one page)</translation>
    </message>
    <message>
        <location filename="../../ui/_i18n_strings.py" line="195" />
        <source>：</source>
        <translation>: </translation>
    </message>
    <message>
        <location filename="../../ui/accesslist.py" line="57" />
        <source>查询留痕（本机）</source>
        <translation>Access log (this PC)</translation>
    </message>
    <message>
        <location filename="../../ui/accesslist.py" line="61" />
        <source>窗口登录名</source>
        <translation>Counter login</translation>
    </message>
    <message>
        <location filename="../../ui/accesslist.py" line="64" />
        <source>证件号后四位</source>
        <translation>ID last 4</translation>
    </message>
    <message>
        <location filename="../../ui/accesslist.py" line="69" />
        <source>近 {0} 天</source>
        <translation>last {0} days</translation>
    </message>
    <message>
        <location filename="../../ui/accesslist.py" line="70" />
        <source>查询</source>
        <translation>Query</translation>
    </message>
    <message>
        <location filename="../../ui/accesslist.py" line="92" />
        <source>本机每次打开案件、显示完整号码、按证件号或姓名查询、打印或导出清单都会留痕，保存至少六个月并上报区级平台；证件号只记前 6 位和后 4 位。</source>
        <translation>Every case opened, full number shown, search by ID or name, and list printed or exported on this PC is logged, kept at least six months and reported to the district; ID numbers are kept as their first 6 and last 4 characters.</translation>
    </message>
    <message>
        <location filename="../../ui/accesslist.py" line="107" />
        <source>加载中…</source>
        <translation>Loading…</translation>
    </message>
    <message>
        <location filename="../../ui/accesslist.py" line="122" />
        <source>共 {0} 条</source>
        <translation>{0} entries</translation>
    </message>
</context>
<context>
    <name>AdminPage</name>
    <message>
        <location filename="../../ui/admin.py" line="548" />
        <source>用户与角色</source>
        <translation>Users and roles</translation>
    </message>
    <message>
        <location filename="../../ui/admin.py" line="549" />
        <source>同步</source>
        <translation>Sync</translation>
    </message>
    <message>
        <location filename="../../ui/admin.py" line="551" />
        <source>事项目录</source>
        <translation>Matter catalog</translation>
    </message>
    <message>
        <location filename="../../ui/admin.py" line="554" />
        <source>打印机与设备</source>
        <translation>Printers and devices</translation>
    </message>
    <message>
        <location filename="../../ui/admin.py" line="557" />
        <source>备份与恢复</source>
        <translation>Backup and restore</translation>
    </message>
    <message>
        <location filename="../../ui/admin.py" line="558" />
        <source>设置</source>
        <translation>Settings</translation>
    </message>
</context>
<context>
    <name>ApplicantBox</name>
    <message>
        <location filename="../../ui/_i18n_strings.py" line="114" />
        <source>居民身份证</source>
        <translation>Resident ID card</translation>
    </message>
    <message>
        <location filename="../../ui/_i18n_strings.py" line="115" />
        <source>港澳台居民居住证</source>
        <translation>Residence permit for HK, Macao and Taiwan residents</translation>
    </message>
    <message>
        <location filename="../../ui/_i18n_strings.py" line="117" />
        <source>护照</source>
        <translation>Passport</translation>
    </message>
    <message>
        <location filename="../../ui/_i18n_strings.py" line="118" />
        <source>港澳居民来往内地通行证</source>
        <translation>Hong Kong/Macao travel permit</translation>
    </message>
    <message>
        <location filename="../../ui/_i18n_strings.py" line="119" />
        <source>台湾居民来往大陆通行证</source>
        <translation>Taiwan travel permit</translation>
    </message>
    <message>
        <location filename="../../ui/_i18n_strings.py" line="116" />
        <source>外国人永久居留身份证</source>
        <translation>Foreign permanent resident ID</translation>
    </message>
    <message>
        <location filename="../../ui/_i18n_strings.py" line="120" />
        <source>统一社会信用代码</source>
        <translation>Unified social credit code</translation>
    </message>
    <message>
        <location filename="../../ui/applicant.py" line="66" />
        <source>申请人</source>
        <translation>Applicant</translation>
    </message>
    <message>
        <location filename="../../ui/applicant.py" line="81" />
        <source>证件号；老用户输尾号 4 位、姓名或拼音，回车选中</source>
        <translation>ID number; for a returning citizen the last 4 digits, the name or pinyin, Enter to pick</translation>
    </message>
    <message>
        <location filename="../../ui/applicant.py" line="111" />
        <source>证件类型</source>
        <translation>ID type</translation>
    </message>
    <message>
        <location filename="../../ui/applicant.py" line="112" />
        <source>证件号码</source>
        <translation>ID number</translation>
    </message>
    <message>
        <location filename="../../ui/applicant.py" line="115" />
        <source>姓名/单位</source>
        <translation>Name/organisation</translation>
    </message>
    <message>
        <location filename="../../ui/applicant.py" line="116" />
        <source>电话</source>
        <translation>Phone</translation>
    </message>
    <message>
        <location filename="../../ui/applicant.py" line="117" />
        <source>地址</source>
        <translation>Address</translation>
    </message>
    <message>
        <location filename="../../ui/applicant.py" line="215" />
        <source>未能查询老用户，请输入完整证件号</source>
        <translation>Could not look up returning citizens; type the full ID number</translation>
    </message>
    <message>
        <location filename="../../ui/applicant.py" line="231" />
        <source>没有找到老用户；请输入完整证件号</source>
        <translation>No returning citizen found; type the full ID number</translation>
    </message>
    <message>
        <location filename="../../ui/applicant.py" line="235" />
        <source>找到 {0} 位老用户：↑↓ 选择，回车带出</source>
        <translation>{0} returning citizen(s) found: ↑↓ to choose, Enter to fill in</translation>
    </message>
    <message>
        <location filename="../../ui/applicant.py" line="260" />
        <source>证件号有效</source>
        <translation>ID number valid</translation>
    </message>
    <message>
        <location filename="../../ui/applicant.py" line="268" />
        <source>证件号有效（未能查询以往办件记录）</source>
        <translation>ID number valid (earlier cases could not be looked up)</translation>
    </message>
    <message>
        <location filename="../../ui/applicant.py" line="275" />
        <source>证件号有效 · 新申请人，已按证件填写：请输入电话</source>
        <translation>Valid ID · new applicant, filled from the card: enter the phone</translation>
    </message>
    <message>
        <location filename="../../ui/applicant.py" line="278" />
        <source>证件号有效 · 新申请人，请填写姓名和电话</source>
        <translation>ID number valid · new applicant: type the name and phone</translation>
    </message>
    <message>
        <location filename="../../ui/applicant.py" line="283" />
        <source>证件号有效 · 老用户，已带出上次信息</source>
        <translation>ID number valid · returning citizen, details filled in</translation>
    </message>
    <message>
        <location filename="../../ui/applicant.py" line="301" />
        <source>老用户 {0}，已带出上次信息</source>
        <translation>Returning citizen {0}: details filled in from the last visit</translation>
    </message>
</context>
<context>
    <name>BackupTab</name>
    <message>
        <location filename="../../ui/admin.py" line="359" />
        <source>选择文件夹</source>
        <translation>Choose folder</translation>
    </message>
    <message>
        <location filename="../../ui/admin.py" line="361" />
        <source>立即备份</source>
        <translation>Back up now</translation>
    </message>
    <message>
        <location filename="../../ui/admin.py" line="364" />
        <source>从备份恢复…</source>
        <translation>Restore from backup…</translation>
    </message>
    <message>
        <location filename="../../ui/admin.py" line="373" />
        <source>备份到（如U盘）</source>
        <translation>Back up to (e.g. USB stick)</translation>
    </message>
    <message>
        <location filename="../../ui/admin.py" line="374" />
        <source>保留份数</source>
        <translation>Backups to keep</translation>
    </message>
    <message>
        <location filename="../../ui/admin.py" line="380" />
        <source>备份文件夹</source>
        <translation>Backup folder</translation>
    </message>
    <message>
        <location filename="../../ui/admin.py" line="389" />
        <source>请先选择备份文件夹</source>
        <translation>Choose a backup folder first</translation>
    </message>
    <message>
        <location filename="../../ui/admin.py" line="395" />
        <source>正在备份…</source>
        <translation>Backing up…</translation>
    </message>
    <message>
        <location filename="../../ui/admin.py" line="400" />
        <source>已备份到 {0}（{1:.1f} MB，已校验）</source>
        <translation>Backed up to {0} ({1:.1f} MB, verified)</translation>
    </message>
    <message>
        <location filename="../../ui/admin.py" line="407" />
        <source>选择备份文件</source>
        <translation>Choose backup file</translation>
    </message>
    <message>
        <location filename="../../ui/admin.py" line="422" />
        <source>其中最后一笔业务办理于 {0}</source>
        <translation>its newest work was done on {0}</translation>
    </message>
    <message>
        <location filename="../../ui/admin.py" line="424" />
        <source>其中还没有办理过业务</source>
        <translation>it holds no case work yet</translation>
    </message>
    <message>
        <location filename="../../ui/admin.py" line="427" />
        <source>恢复 {0} 的备份（{1}）。

本机现在的数据将被替换（原数据另存，不删除）。此后在本机办理的业务：已同步到区级平台的，恢复后重新注册并同步时会送回本机；没有同步的（离线中心：没有送到区级导入的U盘数据包）将丢失。

完成后需重新登录。继续吗？</source>
        <translation>Restore the backup of {0} ({1}).

This PC's data will be replaced (the current data is kept aside, not deleted). Work done on this PC since then: what reached the district comes back when the PC is enrolled again and syncs; what did not (an offline center: USB bundles the district has not imported) is lost.

Everyone must log in again afterwards. Continue?</translation>
    </message>
    <message>
        <location filename="../../ui/admin.py" line="433" />
        <source>从备份恢复</source>
        <translation>Restore from backup</translation>
    </message>
    <message>
        <location filename="../../ui/admin.py" line="469" />
        <source>已恢复。原数据保留在 {0}。请重新登录，联网后先同步。</source>
        <translation>Restored. The old data is kept at {0}. Sign in again and sync first when online.</translation>
    </message>
</context>
<context>
    <name>BatchPage</name>
    <message>
        <location filename="../../ui/handover.py" line="50" />
        <source>选</source>
        <translation>Pick</translation>
    </message>
    <message>
        <location filename="../../ui/handover.py" line="51" />
        <source>案件编号</source>
        <translation>Case number</translation>
    </message>
    <message>
        <location filename="../../ui/handover.py" line="52" />
        <source>申请人</source>
        <translation>Applicant</translation>
    </message>
    <message>
        <location filename="../../ui/handover.py" line="53" />
        <source>事项</source>
        <translation>Matter</translation>
    </message>
    <message>
        <location filename="../../ui/handover.py" line="54" />
        <source>期限</source>
        <translation>Due</translation>
    </message>
    <message>
        <location filename="../../ui/handover.py" line="66" />
        <source>打印清单并标记 Ctrl+Enter</source>
        <translation>Print list and mark Ctrl+Enter</translation>
    </message>
    <message>
        <location filename="../../ui/handover.py" line="70" />
        <source>全选 Alt+A</source>
        <translation>Select all Alt+A</translation>
    </message>
    <message>
        <location filename="../../ui/handover.py" line="76" />
        <source>办理(&amp;M)</source>
        <translation>&amp;Mode</translation>
    </message>
    <message>
        <location filename="../../ui/handover.py" line="78" />
        <source>部门(&amp;D)</source>
        <translation>&amp;Department</translation>
    </message>
    <message>
        <location filename="../../ui/handover.py" line="150" />
        <source>共 {0} 件待办（空格勾选，Ctrl+Enter 办理）</source>
        <translation>{0} cases waiting (Space ticks, Ctrl+Enter records them)</translation>
    </message>
    <message>
        <location filename="../../ui/handover.py" line="125" />
        <source>（全部）</source>
        <translation>(all)</translation>
    </message>
    <message>
        <location filename="../../ui/handover.py" line="174" />
        <source>请先勾选案件</source>
        <translation>Tick cases first</translation>
    </message>
    <message>
        <location filename="../../ui/handover.py" line="191" />
        <source>已办理 {0} 件</source>
        <translation>{0} cases done</translation>
    </message>
    <message>
        <location filename="../../ui/_i18n_strings.py" line="212" />
        <source>送件（交部门）</source>
        <translation>Hand over (to department)</translation>
    </message>
    <message>
        <location filename="../../ui/_i18n_strings.py" line="213" />
        <source>结果返回（从部门取回）</source>
        <translation>Return results (from department)</translation>
    </message>
    <message>
        <location filename="../../ui/_i18n_strings.py" line="214" />
        <source>领取办结</source>
        <translation>Pickup and complete</translation>
    </message>
</context>
<context>
    <name>CardPanel</name>
    <message>
        <location filename="../../ui/_i18n_strings.py" line="263" />
        <source>居民身份证</source>
        <translation>Resident ID card</translation>
    </message>
    <message>
        <location filename="../../ui/_i18n_strings.py" line="264" />
        <source>港澳台居民居住证</source>
        <translation>Residence permit for HK, Macao and Taiwan residents</translation>
    </message>
    <message>
        <location filename="../../ui/_i18n_strings.py" line="265" />
        <source>外国人永久居留身份证</source>
        <translation>Foreign permanent resident ID</translation>
    </message>
    <message>
        <location filename="../../ui/_i18n_strings.py" line="266" />
        <source>香港居民居住证</source>
        <translation>Residence permit for Hong Kong residents</translation>
    </message>
    <message>
        <location filename="../../ui/_i18n_strings.py" line="267" />
        <source>澳门居民居住证</source>
        <translation>Residence permit for Macao residents</translation>
    </message>
    <message>
        <location filename="../../ui/_i18n_strings.py" line="268" />
        <source>台湾居民居住证</source>
        <translation>Residence permit for Taiwan residents</translation>
    </message>
    <message>
        <location filename="../../ui/_i18n_strings.py" line="269" />
        <source>未知</source>
        <translation>unknown</translation>
    </message>
    <message>
        <location filename="../../ui/_i18n_strings.py" line="270" />
        <source>男</source>
        <translation>male</translation>
    </message>
    <message>
        <location filename="../../ui/_i18n_strings.py" line="271" />
        <source>女</source>
        <translation>female</translation>
    </message>
    <message>
        <location filename="../../ui/_i18n_strings.py" line="272" />
        <source>未说明</source>
        <translation>not stated</translation>
    </message>
    <message>
        <location filename="../../ui/cardpanel.py" line="28" />
        <source>证件信息</source>
        <translation>ID card</translation>
    </message>
    <message>
        <location filename="../../ui/cardpanel.py" line="64" />
        <source>无照片</source>
        <translation>No photo</translation>
    </message>
    <message>
        <location filename="../../ui/cardpanel.py" line="65" />
        <source>长期</source>
        <translation>long-term</translation>
    </message>
    <message>
        <location filename="../../ui/cardpanel.py" line="70" />
        <source>{0} · {1} · {2}{3} · 出生 {4}</source>
        <translation>{0} · {1} · {2}{3} · born {4}</translation>
    </message>
    <message>
        <location filename="../../ui/cardpanel.py" line="72" />
        <source>民族 </source>
        <translation>ethnic group </translation>
    </message>
    <message>
        <location filename="../../ui/cardpanel.py" line="75" />
        <source>签发机关 {0} · 有效期 {1}–{2}</source>
        <translation>Issued by {0} · valid {1}–{2}</translation>
    </message>
    <message>
        <location filename="../../ui/cardpanel.py" line="80" />
        <source>英文姓名 {0}</source>
        <translation>English name {0}</translation>
    </message>
    <message>
        <location filename="../../ui/cardpanel.py" line="82" />
        <source>通行证号码 {0}</source>
        <translation>Travel permit {0}</translation>
    </message>
    <message>
        <location filename="../../ui/cardpanel.py" line="95" />
        <source>证件已过期（有效期至 {0}），请核实后办理</source>
        <translation>The card has expired (valid until {0}): check before going on</translation>
    </message>
    <message>
        <location filename="../../ui/cardpanel.py" line="101" />
        <source>姓名或住址含证件系统自造字（{0}），请与证件核对</source>
        <translation>Name or address holds characters of the card system's own ({0}): check against the card</translation>
    </message>
    <message>
        <location filename="../../ui/cardpanel.py" line="103" />
        <source>读卡器驱动未能传回部分汉字（显示为 ?），请与证件核对并手工补正</source>
        <translation>The reader's driver lost some characters (shown as ?): check against the card and correct by hand</translation>
    </message>
</context>
<context>
    <name>CasePage</name>
    <message>
        <location filename="../../ui/casepage.py" line="195" />
        <source>输入案件编号或其尾号（4 位起），回车打开</source>
        <translation>Type a case number or its last digits (4 or more), Enter opens it</translation>
    </message>
    <message>
        <location filename="../../ui/casepage.py" line="198" />
        <source>打开案件 F4</source>
        <translation>Open case F4</translation>
    </message>
    <message>
        <location filename="../../ui/casepage.py" line="200" />
        <source>案件</source>
        <translation>Case</translation>
    </message>
    <message>
        <location filename="../../ui/casepage.py" line="203" />
        <source>案件编号</source>
        <translation>Case number</translation>
    </message>
    <message>
        <location filename="../../ui/casepage.py" line="203" />
        <source>申请人</source>
        <translation>Applicant</translation>
    </message>
    <message>
        <location filename="../../ui/casepage.py" line="204" />
        <location filename="../../ui/casepage.py" line="253" />
        <source>事项</source>
        <translation>Matter</translation>
    </message>
    <message>
        <location filename="../../ui/casepage.py" line="204" />
        <source>状态</source>
        <translation>Status</translation>
    </message>
    <message>
        <location filename="../../ui/casepage.py" line="205" />
        <source>办结期限</source>
        <translation>Due date</translation>
    </message>
    <message>
        <location filename="../../ui/casepage.py" line="205" />
        <source>当前环节</source>
        <translation>Current step</translation>
    </message>
    <message>
        <location filename="../../ui/casepage.py" line="206" />
        <source>待补材料</source>
        <translation>Owed materials</translation>
    </message>
    <message>
        <location filename="../../ui/casepage.py" line="206" />
        <source>承办人</source>
        <translation>Clerk</translation>
    </message>
    <message>
        <location filename="../../ui/casepage.py" line="207" />
        <source>评价</source>
        <translation>Evaluation</translation>
    </message>
    <message>
        <location filename="../../ui/casepage.py" line="207" />
        <source>上传</source>
        <translation>Upload</translation>
    </message>
    <message>
        <location filename="../../ui/casepage.py" line="215" />
        <source>下一步可办</source>
        <translation>Next actions</translation>
    </message>
    <message>
        <location filename="../../ui/casepage.py" line="240" />
        <source>补打 {0} ▾</source>
        <translation>Reprint {0} ▾</translation>
    </message>
    <message>
        <location filename="../../ui/casepage.py" line="348" />
        <source>（完整显示，已留痕）</source>
        <translation> (shown in full, logged)</translation>
    </message>
    <message>
        <location filename="../../ui/casepage.py" line="349" />
        <source>（{0} 显示完整）</source>
        <translation> ({0}: show in full)</translation>
    </message>
    <message>
        <location filename="../../ui/casepage.py" line="368" />
        <source>{0} 条被区级平台拒收（见 系统管理 → 同步）</source>
        <translation>{0} refused by the district (see Administration → Sync)</translation>
    </message>
    <message>
        <location filename="../../ui/casepage.py" line="370" />
        <source>待上传 {0} 条（联网后自动上传）</source>
        <translation>{0} waiting to upload (uploaded automatically when online)</translation>
    </message>
    <message>
        <location filename="../../ui/casepage.py" line="371" />
        <source>已全部上传区级平台</source>
        <translation>Everything uploaded to the district</translation>
    </message>
    <message>
        <location filename="../../ui/casepage.py" line="384" />
        <source>快捷键 {0}</source>
        <translation>Shortcut {0}</translation>
    </message>
    <message>
        <location filename="../../ui/casepage.py" line="253" />
        <source>时间</source>
        <translation>Time</translation>
    </message>
    <message>
        <location filename="../../ui/casepage.py" line="253" />
        <source>经办人</source>
        <translation>By</translation>
    </message>
    <message>
        <location filename="../../ui/casepage.py" line="253" />
        <source>设备</source>
        <translation>Device</translation>
    </message>
    <message>
        <location filename="../../ui/casepage.py" line="253" />
        <source>说明</source>
        <translation>Details</translation>
    </message>
    <message>
        <location filename="../../ui/casepage.py" line="231" />
        <source>办理过程（谁、何时、在哪）</source>
        <translation>Timeline (who, when, where)</translation>
    </message>
    <message>
        <location filename="../../ui/casepage.py" line="295" />
        <source>没有找到案件：{0}</source>
        <translation>No case found: {0}</translation>
    </message>
    <message>
        <location filename="../../ui/casepage.py" line="318" />
        <source>（已超期）</source>
        <translation> (overdue)</translation>
    </message>
    <message>
        <location filename="../../ui/casepage.py" line="318" />
        <source>（临近期限）</source>
        <translation> (near due)</translation>
    </message>
    <message>
        <location filename="../../ui/casepage.py" line="321" />
        <location filename="../../ui/casepage.py" line="332" />
        <source>（暂定）</source>
        <translation> (provisional)</translation>
    </message>
    <message>
        <location filename="../../ui/casepage.py" line="337" />
        <source>未评价</source>
        <translation>Not evaluated</translation>
    </message>
    <message>
        <location filename="../../ui/casepage.py" line="438" />
        <source>已办理：{0}</source>
        <translation>Done: {0}</translation>
    </message>
    <message>
        <location filename="../../ui/_i18n_strings.py" line="59" />
        <source>已受理（待送件）</source>
        <translation>Accepted (to hand over)</translation>
    </message>
    <message>
        <location filename="../../ui/_i18n_strings.py" line="60" />
        <source>已送部门</source>
        <translation>Sent to department</translation>
    </message>
    <message>
        <location filename="../../ui/_i18n_strings.py" line="61" />
        <source>部门办理中</source>
        <translation>At department</translation>
    </message>
    <message>
        <location filename="../../ui/_i18n_strings.py" line="62" />
        <source>待补正材料</source>
        <translation>Awaiting supplement</translation>
    </message>
    <message>
        <location filename="../../ui/_i18n_strings.py" line="63" />
        <source>部门已出结果</source>
        <translation>Result issued</translation>
    </message>
    <message>
        <location filename="../../ui/_i18n_strings.py" line="64" />
        <source>结果已返回中心</source>
        <translation>Result back at center</translation>
    </message>
    <message>
        <location filename="../../ui/_i18n_strings.py" line="65" />
        <source>已通知领取</source>
        <translation>Citizen notified</translation>
    </message>
    <message>
        <location filename="../../ui/_i18n_strings.py" line="66" />
        <source>已办结</source>
        <translation>Completed</translation>
    </message>
    <message>
        <location filename="../../ui/_i18n_strings.py" line="67" />
        <source>已中止</source>
        <translation>Suspended</translation>
    </message>
    <message>
        <location filename="../../ui/_i18n_strings.py" line="68" />
        <source>已撤回</source>
        <translation>Withdrawn</translation>
    </message>
    <message>
        <location filename="../../ui/_i18n_strings.py" line="69" />
        <source>不予受理</source>
        <translation>Reject</translation>
    </message>
    <message>
        <location filename="../../ui/_i18n_strings.py" line="70" />
        <source>已终止</source>
        <translation>Terminated</translation>
    </message>
    <message>
        <location filename="../../ui/_i18n_strings.py" line="71" />
        <source>受理</source>
        <translation>Intake</translation>
    </message>
    <message>
        <location filename="../../ui/_i18n_strings.py" line="72" />
        <source>一次性告知</source>
        <translation>One-time notice</translation>
    </message>
    <message>
        <location filename="../../ui/_i18n_strings.py" line="73" />
        <source>补齐材料</source>
        <translation>Materials supplemented</translation>
    </message>
    <message>
        <location filename="../../ui/_i18n_strings.py" line="74" />
        <source>送件至部门</source>
        <translation>Handed over</translation>
    </message>
    <message>
        <location filename="../../ui/_i18n_strings.py" line="75" />
        <source>部门签收</source>
        <translation>Department received</translation>
    </message>
    <message>
        <location filename="../../ui/_i18n_strings.py" line="76" />
        <source>部门出具结果</source>
        <translation>Department result</translation>
    </message>
    <message>
        <location filename="../../ui/_i18n_strings.py" line="77" />
        <source>结果返回中心</source>
        <translation>Result returned</translation>
    </message>
    <message>
        <location filename="../../ui/_i18n_strings.py" line="78" />
        <source>通知申请人</source>
        <translation>Notify citizen</translation>
    </message>
    <message>
        <location filename="../../ui/_i18n_strings.py" line="79" />
        <source>办结（领取/送达）</source>
        <translation>Completed (picked up/delivered)</translation>
    </message>
    <message>
        <location filename="../../ui/_i18n_strings.py" line="80" />
        <source>中止</source>
        <translation>Suspend</translation>
    </message>
    <message>
        <location filename="../../ui/_i18n_strings.py" line="81" />
        <source>恢复</source>
        <translation>Resume</translation>
    </message>
    <message>
        <location filename="../../ui/_i18n_strings.py" line="82" />
        <source>转交</source>
        <translation>Transfer</translation>
    </message>
    <message>
        <location filename="../../ui/_i18n_strings.py" line="83" />
        <source>申请人撤回</source>
        <translation>Withdrawn by applicant</translation>
    </message>
    <message>
        <location filename="../../ui/_i18n_strings.py" line="84" />
        <source>终止</source>
        <translation>Terminate</translation>
    </message>
    <message>
        <location filename="../../ui/_i18n_strings.py" line="85" />
        <location filename="../../ui/casepage.py" line="448" />
        <source>备注</source>
        <translation>Note</translation>
    </message>
    <message>
        <location filename="../../ui/_i18n_strings.py" line="86" />
        <source>好差评</source>
        <translation>Evaluation</translation>
    </message>
    <message>
        <location filename="../../ui/_i18n_strings.py" line="87" />
        <source>整改回访</source>
        <translation>Rectification call-back</translation>
    </message>
    <message>
        <location filename="../../ui/_i18n_strings.py" line="88" />
        <source>补打</source>
        <translation>Reprint</translation>
    </message>
    <message>
        <location filename="../../ui/_i18n_strings.py" line="89" />
        <source>非常满意</source>
        <translation>Very satisfied</translation>
    </message>
    <message>
        <location filename="../../ui/_i18n_strings.py" line="90" />
        <source>满意</source>
        <translation>Satisfied</translation>
    </message>
    <message>
        <location filename="../../ui/_i18n_strings.py" line="91" />
        <source>基本满意</source>
        <translation>Fairly satisfied</translation>
    </message>
    <message>
        <location filename="../../ui/_i18n_strings.py" line="92" />
        <source>不满意</source>
        <translation>Dissatisfied</translation>
    </message>
    <message>
        <location filename="../../ui/_i18n_strings.py" line="93" />
        <source>非常不满意</source>
        <translation>Very dissatisfied</translation>
    </message>
    <message>
        <location filename="../../ui/_i18n_strings.py" line="94" />
        <source>居民身份证</source>
        <translation>Resident ID card</translation>
    </message>
    <message>
        <location filename="../../ui/_i18n_strings.py" line="95" />
        <source>港澳台居民居住证</source>
        <translation>Residence permit for HK, Macao and Taiwan residents</translation>
    </message>
    <message>
        <location filename="../../ui/_i18n_strings.py" line="97" />
        <source>护照</source>
        <translation>Passport</translation>
    </message>
    <message>
        <location filename="../../ui/_i18n_strings.py" line="98" />
        <source>港澳居民来往内地通行证</source>
        <translation>Hong Kong/Macao travel permit</translation>
    </message>
    <message>
        <location filename="../../ui/_i18n_strings.py" line="99" />
        <source>台湾居民来往大陆通行证</source>
        <translation>Taiwan travel permit</translation>
    </message>
    <message>
        <location filename="../../ui/_i18n_strings.py" line="401" />
        <source>申请人满意</source>
        <translation>the applicant is satisfied</translation>
    </message>
    <message>
        <location filename="../../ui/_i18n_strings.py" line="402" />
        <source>申请人仍不满意</source>
        <translation>the applicant is still not satisfied</translation>
    </message>
    <message>
        <location filename="../../ui/_i18n_strings.py" line="96" />
        <source>外国人永久居留身份证</source>
        <translation>Foreign permanent resident ID</translation>
    </message>
    <message>
        <location filename="../../ui/_i18n_strings.py" line="100" />
        <source>统一社会信用代码</source>
        <translation>Unified social credit code</translation>
    </message>
    <message>
        <location filename="../../ui/_i18n_strings.py" line="101" />
        <source>准予</source>
        <translation>Approved</translation>
    </message>
    <message>
        <location filename="../../ui/_i18n_strings.py" line="102" />
        <source>不予</source>
        <translation>Denied</translation>
    </message>
    <message>
        <location filename="../../ui/_i18n_strings.py" line="103" />
        <source>需补正</source>
        <translation>Needs supplement</translation>
    </message>
    <message>
        <location filename="../../ui/_i18n_strings.py" line="104" />
        <source>领取</source>
        <translation>Pickup</translation>
    </message>
    <message>
        <location filename="../../ui/_i18n_strings.py" line="105" />
        <source>送达</source>
        <translation>Delivery</translation>
    </message>
    <message>
        <location filename="../../ui/_i18n_strings.py" line="106" />
        <source>邮寄</source>
        <translation>Mail</translation>
    </message>
    <message>
        <location filename="../../ui/_i18n_strings.py" line="107" />
        <source>受理回执（热敏）</source>
        <translation>Receipt (thermal)</translation>
    </message>
    <message>
        <location filename="../../ui/_i18n_strings.py" line="108" />
        <source>受理回执（A4）</source>
        <translation>Receipt (A4)</translation>
    </message>
    <message>
        <location filename="../../ui/_i18n_strings.py" line="109" />
        <source>申请表</source>
        <translation>Application form</translation>
    </message>
    <message>
        <location filename="../../ui/_i18n_strings.py" line="110" />
        <source>容缺受理承诺书</source>
        <translation>Deficiency commitment letter</translation>
    </message>
    <message>
        <location filename="../../ui/_i18n_strings.py" line="111" />
        <source>不予受理通知书</source>
        <translation>Rejection notice</translation>
    </message>
    <message>
        <location filename="../../ui/_i18n_strings.py" line="112" />
        <source>办结通知（领取单）</source>
        <translation>Pickup slip</translation>
    </message>
    <message>
        <location filename="../../ui/_i18n_strings.py" line="113" />
        <source>好差评评价单</source>
        <translation>Evaluation slip</translation>
    </message>
    <message>
        <location filename="../../ui/_i18n_strings.py" line="369" />
        <source>按数字键作答（5 最满意）</source>
        <translation>Answer with the number keys (5 = most satisfied)</translation>
    </message>
    <message>
        <location filename="../../ui/_i18n_strings.py" line="370" />
        <source>评价等级</source>
        <translation>Overall rating</translation>
    </message>
    <message>
        <location filename="../../ui/_i18n_strings.py" line="398" />
        <source>本机（{0}）</source>
        <translation>This PC ({0})</translation>
    </message>
    <message>
        <location filename="../../ui/_i18n_strings.py" line="399" />
        <source>区级平台</source>
        <translation>District platform</translation>
    </message>
    <message>
        <location filename="../../ui/_i18n_strings.py" line="400" />
        <source>本中心其他窗口电脑 {0}</source>
        <translation>Another counter PC of this center {0}</translation>
    </message>
    <message>
        <location filename="../../ui/_i18n_strings.py" line="372" />
        <source>评价环节</source>
        <translation>Visit</translation>
    </message>
    <message>
        <location filename="../../ui/_i18n_strings.py" line="371" />
        <source>（已评价）</source>
        <translation> (rated)</translation>
    </message>
    <message>
        <location filename="../../ui/_i18n_strings.py" line="373" />
        <source>意见</source>
        <translation>Comment</translation>
    </message>
    <message>
        <location filename="../../ui/_i18n_strings.py" line="374" />
        <source>请申请人选择评价等级（必选）</source>
        <translation>The applicant must choose an overall rating</translation>
    </message>
    <message>
        <location filename="../../ui/_i18n_strings.py" line="375" />
        <source>结果</source>
        <translation>Outcome</translation>
    </message>
    <message>
        <location filename="../../ui/_i18n_strings.py" line="376" />
        <source>理由（不予/补正必填）</source>
        <translation>Reason (required unless approved)</translation>
    </message>
    <message>
        <location filename="../../ui/_i18n_strings.py" line="377" />
        <source>文书编号</source>
        <translation>Document number</translation>
    </message>
    <message>
        <location filename="../../ui/_i18n_strings.py" line="378" />
        <source>补交材料</source>
        <translation>Supplement materials</translation>
    </message>
    <message>
        <location filename="../../ui/_i18n_strings.py" line="379" />
        <source>勾选申请人本次补交的材料：</source>
        <translation>Tick the materials the applicant has brought:</translation>
    </message>
    <message>
        <location filename="../../ui/_i18n_strings.py" line="380" />
        <source>转交给其他承办人</source>
        <translation>Transfer to another clerk</translation>
    </message>
    <message>
        <location filename="../../ui/_i18n_strings.py" line="381" />
        <source>转交原因（可不填）</source>
        <translation>Reason for the transfer (optional)</translation>
    </message>
    <message>
        <location filename="../../ui/_i18n_strings.py" line="382" />
        <source>转交给：</source>
        <translation>Transfer to:</translation>
    </message>
    <message>
        <location filename="../../ui/_i18n_strings.py" line="383" />
        <source>没有可以接手的人：除当前承办人外，本中心没有在用的窗口人员或中心负责人账户。请系统管理员添加或启用账户后再转交。</source>
        <translation>Nobody can take this case over: apart from its current clerk, this center has no active counter-clerk or center-chief account. Ask the system administrator to add or re-enable an account, then transfer.</translation>
    </message>
    <message>
        <location filename="../../ui/_i18n_strings.py" line="384" />
        <source>部门签收人</source>
        <translation>Received by (department)</translation>
    </message>
    <message>
        <location filename="../../ui/_i18n_strings.py" line="385" />
        <source>通知方式（电话/短信/当面）</source>
        <translation>How notified (phone/SMS/in person)</translation>
    </message>
    <message>
        <location filename="../../ui/_i18n_strings.py" line="386" />
        <source>中止原因（听证、检测、专家评审）</source>
        <translation>Reason to suspend (hearing, testing, expert review)</translation>
    </message>
    <message>
        <location filename="../../ui/_i18n_strings.py" line="387" />
        <source>撤回原因</source>
        <translation>Reason for withdrawal</translation>
    </message>
    <message>
        <location filename="../../ui/_i18n_strings.py" line="388" />
        <source>终止原因</source>
        <translation>Reason for termination</translation>
    </message>
    <message>
        <location filename="../../ui/_i18n_strings.py" line="389" />
        <location filename="../../ui/casepage.py" line="448" />
        <source>备注内容</source>
        <translation>Note text</translation>
    </message>
    <message>
        <location filename="../../ui/_i18n_strings.py" line="390" />
        <source>送件人（默认本人）</source>
        <translation>Carrier (default: me)</translation>
    </message>
    <message>
        <location filename="../../ui/_i18n_strings.py" line="391" />
        <source>取件人（默认本人）</source>
        <translation>Collected by (default: me)</translation>
    </message>
    <message>
        <location filename="../../ui/_i18n_strings.py" line="392" />
        <source>请填写部门签收人的姓名（谁在部门签收了材料）</source>
        <translation>Please give the name of the person at the department who signed for the materials</translation>
    </message>
    <message>
        <location filename="../../ui/_i18n_strings.py" line="393" />
        <source>电话</source>
        <translation>Phone</translation>
    </message>
    <message>
        <location filename="../../ui/_i18n_strings.py" line="394" />
        <source>办结</source>
        <translation>Complete</translation>
    </message>
    <message>
        <location filename="../../ui/_i18n_strings.py" line="395" />
        <source>领取人</source>
        <translation>Collected by</translation>
    </message>
    <message>
        <location filename="../../ui/_i18n_strings.py" line="396" />
        <source>回访情况</source>
        <translation>Call-back notes</translation>
    </message>
    <message>
        <location filename="../../ui/_i18n_strings.py" line="397" />
        <source>申请人对整改满意吗？</source>
        <translation>Is the applicant satisfied with the rectification?</translation>
    </message>
</context>
<context>
    <name>CatalogTab</name>
    <message>
        <location filename="../../ui/admin.py" line="248" />
        <source>编码</source>
        <translation>Code</translation>
    </message>
    <message>
        <location filename="../../ui/admin.py" line="248" />
        <source>事项</source>
        <translation>Matter</translation>
    </message>
    <message>
        <location filename="../../ui/admin.py" line="248" />
        <source>部门</source>
        <translation>Department</translation>
    </message>
    <message>
        <location filename="../../ui/admin.py" line="248" />
        <source>承诺时限（工作日）</source>
        <translation>Promised (working days)</translation>
    </message>
    <message>
        <location filename="../../ui/admin.py" line="264" />
        <source>目录版本 {0}（只读，由区级平台下发）· {1} 个事项</source>
        <translation>Catalog version {0} (read-only, published by the district) · {1} matters</translation>
    </message>
</context>
<context>
    <name>Checklist</name>
    <message>
        <location filename="../../ui/_i18n_strings.py" line="133" />
        <source>原件</source>
        <translation>Original</translation>
    </message>
    <message>
        <location filename="../../ui/_i18n_strings.py" line="134" />
        <source>复印件</source>
        <translation>Copy</translation>
    </message>
    <message>
        <location filename="../../ui/_i18n_strings.py" line="135" />
        <source>原件及复印件</source>
        <translation>Original and copy</translation>
    </message>
    <message>
        <location filename="../../ui/_i18n_strings.py" line="136" />
        <source>电子</source>
        <translation>Electronic</translation>
    </message>
    <message>
        <location filename="../../ui/checklist.py" line="42" />
        <source>已收</source>
        <translation>Got</translation>
    </message>
    <message>
        <location filename="../../ui/checklist.py" line="42" />
        <source>材料</source>
        <translation>Material</translation>
    </message>
    <message>
        <location filename="../../ui/checklist.py" line="42" />
        <source>形式</source>
        <translation>Form</translation>
    </message>
    <message>
        <location filename="../../ui/checklist.py" line="42" />
        <source>份数</source>
        <translation>Copies</translation>
    </message>
    <message>
        <location filename="../../ui/checklist.py" line="42" />
        <source>容缺</source>
        <translation>Owed</translation>
    </message>
    <message>
        <location filename="../../ui/checklist.py" line="64" />
        <source>（非必需）</source>
        <translation> (optional)</translation>
    </message>
    <message>
        <location filename="../../ui/checklist.py" line="103" />
        <source>事项“{0}”不适用容缺受理：材料不齐请用 F11 一次性告知</source>
        <translation>“{0}” does not allow acceptance with deficiencies: for missing materials, issue a one-time notice (F11)</translation>
    </message>
    <message>
        <location filename="../../ui/checklist.py" line="107" />
        <source>材料“{0}”是主要材料，不能容缺</source>
        <translation>“{0}” is a main material and cannot be supplied later</translation>
    </message>
</context>
<context>
    <name>DashboardPage</name>
    <message>
        <location filename="../../ui/dashboard.py" line="69" />
        <source>统计区间</source>
        <translation>Period</translation>
    </message>
    <message>
        <location filename="../../ui/dashboard.py" line="73" />
        <source>日报 PDF</source>
        <translation>Daily report PDF</translation>
    </message>
    <message>
        <location filename="../../ui/dashboard.py" line="74" />
        <source>月报 PDF</source>
        <translation>Monthly report PDF</translation>
    </message>
    <message>
        <location filename="../../ui/dashboard.py" line="75" />
        <source>导出 Excel/CSV</source>
        <translation>Export Excel/CSV</translation>
    </message>
    <message>
        <location filename="../../ui/dashboard.py" line="76" />
        <source>查询留痕</source>
        <translation>Access log</translation>
    </message>
    <message>
        <location filename="../../ui/dashboard.py" line="63" />
        <source>收件 = 受理 + 不予受理（不予受理不是受理）；收件读卡率 = 证件由读卡器（含键盘式读卡器）读取的件数 / 收件件数</source>
        <translation>Received = accepted + rejected (a rejection is not an acceptance); card-read share = cases whose ID a card reader (or a keyboard-wedge reader) took / cases received</translation>
    </message>
    <message>
        <location filename="../../ui/dashboard.py" line="112" />
        <source>&lt;b&gt;{0}&lt;/b&gt;：收件 {1} 件（受理 {2}，不予受理 {3}），一次性告知 {4} 份；&lt;span style='color:#b00020'&gt;超期 {5} 件&lt;/span&gt;，&lt;span style='color:#a66b00'&gt;临期 {6} 件&lt;/span&gt;；满意率 {7}</source>
        <translation>&lt;b&gt;{0}&lt;/b&gt;: {1} received ({2} accepted, {3} rejected), {4} one-time notices; &lt;span style='color:#b00020'&gt;{5} overdue&lt;/span&gt;, &lt;span style='color:#a66b00'&gt;{6} near due&lt;/span&gt;; satisfaction {7}</translation>
    </message>
    <message>
        <location filename="../../ui/dashboard.py" line="131" />
        <source>&lt;br&gt;&lt;a href='rectifications' style='color:{0}'&gt;待整改差评 {1} 件&lt;/a&gt;&lt;span style='color:{0}'&gt;（最近回访期限 {2}{3}）&lt;/span&gt;</source>
        <translation>&lt;br&gt;&lt;a href='rectifications' style='color:{0}'&gt;{1} bad reviews awaiting rectification&lt;/a&gt;&lt;span style='color:{0}'&gt; (nearest call-back deadline {2}{3})&lt;/span&gt;</translation>
    </message>
    <message>
        <location filename="../../ui/dashboard.py" line="135" />
        <source>，已逾期</source>
        <translation>, overdue</translation>
    </message>
    <message>
        <location filename="../../ui/dashboard.py" line="138" />
        <source>&lt;br&gt;待整改差评 0 件</source>
        <translation>&lt;br&gt;0 bad reviews awaiting rectification</translation>
    </message>
    <message>
        <location filename="../../ui/dashboard.py" line="140" />
        <source>；本期终止 &lt;a href='ended'&gt;{0} 件&lt;/a&gt;</source>
        <translation>; ended in the period: &lt;a href='ended'&gt;{0}&lt;/a&gt;</translation>
    </message>
    <message>
        <location filename="../../ui/dashboard.py" line="143" />
        <source>&lt;span style='color:#b00020'&gt;（其中容缺逾期未补正、系统自动终止 {0} 件：请告知申请人重新申请）&lt;/span&gt;</source>
        <translation>&lt;span style='color:#b00020'&gt; ({0} ended by the system, owed materials not supplied in time: tell the applicants to apply again)&lt;/span&gt;</translation>
    </message>
    <message>
        <location filename="../../ui/dashboard.py" line="153" />
        <source>；收件读卡率 {0}（{1}/{2} 件）</source>
        <translation>; card-read share {0} ({1}/{2} received)</translation>
    </message>
    <message>
        <location filename="../../ui/dashboard.py" line="161" />
        <source>{0}（{1}）</source>
        <translation>{0} ({1})</translation>
    </message>
    <message>
        <location filename="../../ui/dashboard.py" line="162" />
        <source>{0}（{1} 至 {2}）</source>
        <translation>{0} ({1} to {2})</translation>
    </message>
    <message>
        <location filename="../../ui/dashboard.py" line="177" />
        <source>受理</source>
        <translation>Intake</translation>
    </message>
    <message>
        <location filename="../../ui/dashboard.py" line="182" />
        <source>在办案件状态</source>
        <translation>Open cases by status</translation>
    </message>
    <message>
        <location filename="../../ui/dashboard.py" line="232" />
        <source>其他 {0} 个部门</source>
        <translation>{0} other departments</translation>
    </message>
    <message>
        <location filename="../../ui/dashboard.py" line="232" />
        <source>其他</source>
        <translation>Other</translation>
    </message>
    <message>
        <location filename="../../ui/dashboard.py" line="236" />
        <source>超期与临期（按所在部门）</source>
        <translation>Overdue and near due (by department)</translation>
    </message>
    <message>
        <location filename="../../ui/dashboard.py" line="237" />
        <source>超期</source>
        <translation>Overdue</translation>
    </message>
    <message>
        <location filename="../../ui/dashboard.py" line="237" />
        <source>临期</source>
        <translation>Near due</translation>
    </message>
    <message>
        <location filename="../../ui/dashboard.py" line="263" />
        <source>其他 {0} 人</source>
        <translation>{0} others</translation>
    </message>
    <message>
        <location filename="../../ui/dashboard.py" line="266" />
        <source>在办量（按承办人）</source>
        <translation>Open cases per clerk</translation>
    </message>
    <message>
        <location filename="../../ui/dashboard.py" line="267" />
        <source>在办</source>
        <translation>Open</translation>
    </message>
    <message>
        <location filename="../../ui/dashboard.py" line="195" />
        <source>好差评</source>
        <translation>Evaluation</translation>
    </message>
    <message>
        <location filename="../../ui/dashboard.py" line="303" />
        <source>导出统计</source>
        <translation>Export figures</translation>
    </message>
    <message>
        <location filename="../../ui/dashboard.py" line="312" />
        <source>已导出到 {0}</source>
        <translation>Exported to {0}</translation>
    </message>
    <message>
        <location filename="../../ui/_i18n_strings.py" line="149" />
        <source>已受理（待送件）</source>
        <translation>Accepted (to hand over)</translation>
    </message>
    <message>
        <location filename="../../ui/_i18n_strings.py" line="150" />
        <source>已送部门</source>
        <translation>Sent to department</translation>
    </message>
    <message>
        <location filename="../../ui/_i18n_strings.py" line="151" />
        <source>部门办理中</source>
        <translation>At department</translation>
    </message>
    <message>
        <location filename="../../ui/_i18n_strings.py" line="152" />
        <source>待补正材料</source>
        <translation>Awaiting supplement</translation>
    </message>
    <message>
        <location filename="../../ui/_i18n_strings.py" line="153" />
        <source>部门已出结果</source>
        <translation>Result issued</translation>
    </message>
    <message>
        <location filename="../../ui/_i18n_strings.py" line="154" />
        <source>结果已返回中心</source>
        <translation>Result back at center</translation>
    </message>
    <message>
        <location filename="../../ui/_i18n_strings.py" line="155" />
        <source>已通知领取</source>
        <translation>Citizen notified</translation>
    </message>
    <message>
        <location filename="../../ui/_i18n_strings.py" line="156" />
        <source>已办结</source>
        <translation>Completed</translation>
    </message>
    <message>
        <location filename="../../ui/_i18n_strings.py" line="157" />
        <source>已中止</source>
        <translation>Suspended</translation>
    </message>
    <message>
        <location filename="../../ui/_i18n_strings.py" line="158" />
        <source>已撤回</source>
        <translation>Withdrawn</translation>
    </message>
    <message>
        <location filename="../../ui/_i18n_strings.py" line="159" />
        <location filename="../../ui/dashboard.py" line="177" />
        <source>不予受理</source>
        <translation>Reject</translation>
    </message>
    <message>
        <location filename="../../ui/_i18n_strings.py" line="160" />
        <source>已终止</source>
        <translation>Terminated</translation>
    </message>
    <message>
        <location filename="../../ui/_i18n_strings.py" line="161" />
        <source>非常满意</source>
        <translation>Very satisfied</translation>
    </message>
    <message>
        <location filename="../../ui/_i18n_strings.py" line="162" />
        <source>满意</source>
        <translation>Satisfied</translation>
    </message>
    <message>
        <location filename="../../ui/_i18n_strings.py" line="163" />
        <source>基本满意</source>
        <translation>Fairly satisfied</translation>
    </message>
    <message>
        <location filename="../../ui/_i18n_strings.py" line="164" />
        <source>不满意</source>
        <translation>Dissatisfied</translation>
    </message>
    <message>
        <location filename="../../ui/_i18n_strings.py" line="165" />
        <source>非常不满意</source>
        <translation>Very dissatisfied</translation>
    </message>
    <message>
        <location filename="../../ui/_i18n_strings.py" line="166" />
        <source>周一</source>
        <translation>Mon</translation>
    </message>
    <message>
        <location filename="../../ui/_i18n_strings.py" line="167" />
        <source>周二</source>
        <translation>Tue</translation>
    </message>
    <message>
        <location filename="../../ui/_i18n_strings.py" line="168" />
        <source>周三</source>
        <translation>Wed</translation>
    </message>
    <message>
        <location filename="../../ui/_i18n_strings.py" line="169" />
        <source>周四</source>
        <translation>Thu</translation>
    </message>
    <message>
        <location filename="../../ui/_i18n_strings.py" line="170" />
        <source>周五</source>
        <translation>Fri</translation>
    </message>
    <message>
        <location filename="../../ui/_i18n_strings.py" line="171" />
        <source>周六</source>
        <translation>Sat</translation>
    </message>
    <message>
        <location filename="../../ui/_i18n_strings.py" line="172" />
        <source>周日</source>
        <translation>Sun</translation>
    </message>
    <message>
        <location filename="../../ui/_i18n_strings.py" line="215" />
        <source>今日</source>
        <translation>Today</translation>
    </message>
    <message>
        <location filename="../../ui/_i18n_strings.py" line="216" />
        <source>本周</source>
        <translation>This week</translation>
    </message>
    <message>
        <location filename="../../ui/_i18n_strings.py" line="217" />
        <source>本月</source>
        <translation>This month</translation>
    </message>
    <message>
        <location filename="../../ui/_i18n_strings.py" line="403" />
        <source>本期没有数据</source>
        <translation>No data in this period</translation>
    </message>
    <message>
        <location filename="../../ui/_i18n_strings.py" line="404" />
        <source>{0}时</source>
        <translation>{0}h</translation>
    </message>
    <message>
        <location filename="../../ui/_i18n_strings.py" line="405" />
        <source>收件趋势（按小时）</source>
        <translation>Cases received (by hour)</translation>
    </message>
    <message>
        <location filename="../../ui/_i18n_strings.py" line="406" />
        <source>收件趋势（按日）</source>
        <translation>Cases received (by day)</translation>
    </message>
</context>
<context>
    <name>EvaluationDialog</name>
    <message>
        <location filename="../../ui/dialogs.py" line="53" />
        <source>好差评</source>
        <translation>Evaluation</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs.py" line="57" />
        <source>按数字键作答（5 最满意）</source>
        <translation>Answer with the number keys (5 = most satisfied)</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs.py" line="60" />
        <source>评价等级</source>
        <translation>Overall rating</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs.py" line="79" />
        <source>（已评价）</source>
        <translation> (rated)</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs.py" line="86" />
        <source>评价环节</source>
        <translation>Visit</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs.py" line="87" />
        <source>意见</source>
        <translation>Comment</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs.py" line="121" />
        <source>请申请人选择评价等级（必选）</source>
        <translation>The applicant must choose an overall rating</translation>
    </message>
    <message>
        <location filename="../../ui/_i18n_strings.py" line="197" />
        <source>非常满意</source>
        <translation>Very satisfied</translation>
    </message>
    <message>
        <location filename="../../ui/_i18n_strings.py" line="198" />
        <source>满意</source>
        <translation>Satisfied</translation>
    </message>
    <message>
        <location filename="../../ui/_i18n_strings.py" line="199" />
        <source>基本满意</source>
        <translation>Fairly satisfied</translation>
    </message>
    <message>
        <location filename="../../ui/_i18n_strings.py" line="200" />
        <source>不满意</source>
        <translation>Dissatisfied</translation>
    </message>
    <message>
        <location filename="../../ui/_i18n_strings.py" line="201" />
        <source>非常不满意</source>
        <translation>Very dissatisfied</translation>
    </message>
    <message>
        <location filename="../../ui/_i18n_strings.py" line="202" />
        <source>整体满意度</source>
        <translation>Overall satisfaction</translation>
    </message>
    <message>
        <location filename="../../ui/_i18n_strings.py" line="203" />
        <source>办事效率</source>
        <translation>Efficiency</translation>
    </message>
    <message>
        <location filename="../../ui/_i18n_strings.py" line="204" />
        <source>服务水平</source>
        <translation>Service level</translation>
    </message>
    <message>
        <location filename="../../ui/_i18n_strings.py" line="205" />
        <source>服务态度</source>
        <translation>Attitude</translation>
    </message>
    <message>
        <location filename="../../ui/_i18n_strings.py" line="206" />
        <source>领取</source>
        <translation>Pickup</translation>
    </message>
    <message>
        <location filename="../../ui/_i18n_strings.py" line="207" />
        <source>受理</source>
        <translation>Intake</translation>
    </message>
    <message>
        <location filename="../../ui/_i18n_strings.py" line="208" />
        <source>其他</source>
        <translation>Other</translation>
    </message>
</context>
<context>
    <name>FeedbackDialog</name>
    <message>
        <location filename="../../ui/feedback.py" line="28" />
        <source>向区级平台反馈</source>
        <translation>Feedback to the district</translation>
    </message>
    <message>
        <location filename="../../ui/feedback.py" line="35" />
        <source>发送 Ctrl+Enter</source>
        <translation>Send Ctrl+Enter</translation>
    </message>
    <message>
        <location filename="../../ui/feedback.py" line="40" />
        <location filename="../../ui/feedback.py" line="45" />
        <source>主题</source>
        <translation>Subject</translation>
    </message>
    <message>
        <location filename="../../ui/feedback.py" line="40" />
        <location filename="../../ui/feedback.py" line="46" />
        <source>内容</source>
        <translation>Text</translation>
    </message>
    <message>
        <location filename="../../ui/feedback.py" line="40" />
        <source>回复</source>
        <translation>Answer</translation>
    </message>
    <message>
        <location filename="../../ui/feedback.py" line="51" />
        <source>以往反馈与回复（同步后更新）</source>
        <translation>Earlier feedback and answers (updated after a sync)</translation>
    </message>
    <message>
        <location filename="../../ui/feedback.py" line="67" />
        <source>（等待回复）</source>
        <translation>(awaiting answer)</translation>
    </message>
    <message>
        <location filename="../../ui/feedback.py" line="83" />
        <source>已记录，将随下次同步送达区级平台</source>
        <translation>Recorded; it goes to the district with the next sync</translation>
    </message>
</context>
<context>
    <name>IntakePage</name>
    <message>
        <location filename="../../ui/intake.py" line="150" />
        <source>办理事项</source>
        <translation>Matter</translation>
    </message>
    <message>
        <location filename="../../ui/intake.py" line="98" />
        <source>材料清单（空格 已收/未收 · Q 容缺 · F 形式 · +/- 份数）</source>
        <translation>Materials checklist (Space received · Q owed · F form · +/- copies)</translation>
    </message>
    <message>
        <location filename="../../ui/intake.py" line="103" />
        <source>受理 F9</source>
        <translation>Accept F9</translation>
    </message>
    <message>
        <location filename="../../ui/intake.py" line="104" />
        <source>容缺受理 F10</source>
        <translation>Accept with deficiencies F10</translation>
    </message>
    <message>
        <location filename="../../ui/intake.py" line="105" />
        <source>一次性告知 F11</source>
        <translation>One-time notice F11</translation>
    </message>
    <message>
        <location filename="../../ui/intake.py" line="106" />
        <source>不予受理 F12</source>
        <translation>Reject F12</translation>
    </message>
    <message>
        <location filename="../../ui/intake.py" line="107" />
        <source>下一位 Ctrl+N</source>
        <translation>Next citizen Ctrl+N</translation>
    </message>
    <message>
        <location filename="../../ui/intake.py" line="138" />
        <source>数字键 1–9 选常用事项；或输入名称、拼音首字母（如 ylbx），↓ 选择，回车确定</source>
        <translation>Keys 1–9 pick a frequent matter; or type the name or pinyin initials (e.g. ylbx), ↓ to choose, Enter to confirm</translation>
    </message>
    <message>
        <location filename="../../ui/intake.py" line="229" />
        <source>请核对证件：</source>
        <translation>Check the card: </translation>
    </message>
    <message>
        <location filename="../../ui/intake.py" line="251" />
        <source>已由读卡器输入证件号码</source>
        <translation>ID number entered by the card reader</translation>
    </message>
    <message>
        <location filename="../../ui/intake.py" line="320" />
        <source>。必需材料已默认勾选，缺少的请用空格取消</source>
        <translation>. Required materials are ticked; untick what is missing with Space</translation>
    </message>
    <message>
        <location filename="../../ui/intake.py" line="356" />
        <source>该申请人已有此事项在办：{0}（{1}，{2} 受理）{3}</source>
        <translation>This applicant already has this matter open: {0} ({1}, accepted {2}){3}</translation>
    </message>
    <message>
        <location filename="../../ui/intake.py" line="358" />
        <source> 等 {0} 件</source>
        <translation> and more ({0} in all)</translation>
    </message>
    <message>
        <location filename="../../ui/intake.py" line="387" />
        <source>同一事项已在办</source>
        <translation>Same matter already open</translation>
    </message>
    <message>
        <location filename="../../ui/intake.py" line="388" />
        <source>确定再受理一件吗？</source>
        <translation>Accept another one anyway?</translation>
    </message>
    <message>
        <location filename="../../ui/intake.py" line="394" />
        <source>未受理：该申请人已有此事项在办</source>
        <translation>Not accepted: this applicant already has this matter open</translation>
    </message>
    <message>
        <location filename="../../ui/intake.py" line="408" />
        <source>请先填写申请人（证件号，或老用户的尾号、姓名）</source>
        <translation>Enter the applicant first (the ID number, or a returning citizen's last digits or name)</translation>
    </message>
    <message>
        <location filename="../../ui/intake.py" line="423" />
        <source>{0}：{1}</source>
        <translation>{0}: {1}</translation>
    </message>
    <message>
        <location filename="../../ui/intake.py" line="451" />
        <location filename="../../ui/intake.py" line="455" />
        <source>。</source>
        <translation>. </translation>
    </message>
    <message>
        <location filename="../../ui/intake.py" line="477" />
        <source>事项“{0}”不适用容缺受理：材料不齐请用 F11 一次性告知</source>
        <translation>“{0}” does not allow acceptance with deficiencies: for missing materials, issue a one-time notice (F11)</translation>
    </message>
    <message>
        <location filename="../../ui/intake.py" line="532" />
        <source>请写明应向哪个机关申请（告知申请人去向）</source>
        <translation>Please name the office to apply to (where the applicant should go)</translation>
    </message>
    <message>
        <location filename="../../ui/intake.py" line="317" />
        <source>已选：{0}（{1}）· 承诺 {2} 个工作日 · {3}{4}</source>
        <translation>Chosen: {0} ({1}) · promised {2} working days · {3}{4}</translation>
    </message>
    <message>
        <location filename="../../ui/intake.py" line="319" />
        <source> · 可容缺受理</source>
        <translation> · deficiency acceptance allowed</translation>
    </message>
    <message>
        <location filename="../../ui/intake.py" line="411" />
        <source>请先选择办理事项</source>
        <translation>Choose the matter first</translation>
    </message>
    <message>
        <location filename="../../ui/intake.py" line="469" />
        <source>已受理</source>
        <translation>Accepted</translation>
    </message>
    <message>
        <location filename="../../ui/intake.py" line="482" />
        <source>容缺受理</source>
        <translation>Accept with deficiencies</translation>
    </message>
    <message>
        <location filename="../../ui/intake.py" line="482" />
        <source>申请人已签署《容缺受理承诺书》吗？</source>
        <translation>Has the applicant signed the deficiency commitment letter?</translation>
    </message>
    <message>
        <location filename="../../ui/intake.py" line="493" />
        <source>已容缺受理</source>
        <translation>Accepted with deficiencies</translation>
    </message>
    <message>
        <location filename="../../ui/intake.py" line="505" />
        <source>已出具一次性告知书</source>
        <translation>One-time notice issued</translation>
    </message>
    <message>
        <location filename="../../ui/_i18n_strings.py" line="121" />
        <source>已受理（待送件）</source>
        <translation>Accepted (to hand over)</translation>
    </message>
    <message>
        <location filename="../../ui/_i18n_strings.py" line="122" />
        <source>已送部门</source>
        <translation>Sent to department</translation>
    </message>
    <message>
        <location filename="../../ui/_i18n_strings.py" line="123" />
        <source>部门办理中</source>
        <translation>At department</translation>
    </message>
    <message>
        <location filename="../../ui/_i18n_strings.py" line="124" />
        <source>待补正材料</source>
        <translation>Awaiting supplement</translation>
    </message>
    <message>
        <location filename="../../ui/_i18n_strings.py" line="125" />
        <source>部门已出结果</source>
        <translation>Result issued</translation>
    </message>
    <message>
        <location filename="../../ui/_i18n_strings.py" line="126" />
        <source>结果已返回中心</source>
        <translation>Result back at center</translation>
    </message>
    <message>
        <location filename="../../ui/_i18n_strings.py" line="127" />
        <source>已通知领取</source>
        <translation>Citizen notified</translation>
    </message>
    <message>
        <location filename="../../ui/_i18n_strings.py" line="128" />
        <source>已办结</source>
        <translation>Completed</translation>
    </message>
    <message>
        <location filename="../../ui/_i18n_strings.py" line="129" />
        <source>已中止</source>
        <translation>Suspended</translation>
    </message>
    <message>
        <location filename="../../ui/_i18n_strings.py" line="130" />
        <source>已撤回</source>
        <translation>Withdrawn</translation>
    </message>
    <message>
        <location filename="../../ui/_i18n_strings.py" line="131" />
        <location filename="../../ui/intake.py" line="527" />
        <source>不予受理</source>
        <translation>Reject</translation>
    </message>
    <message>
        <location filename="../../ui/_i18n_strings.py" line="132" />
        <source>已终止</source>
        <translation>Terminated</translation>
    </message>
    <message>
        <location filename="../../ui/intake.py" line="529" />
        <source>不予受理的理由</source>
        <translation>Reason for rejection</translation>
    </message>
    <message>
        <location filename="../../ui/intake.py" line="530" />
        <source>请填写不予受理的理由</source>
        <translation>Please give the reason for the rejection</translation>
    </message>
    <message>
        <location filename="../../ui/intake.py" line="531" />
        <source>应向哪个机关申请</source>
        <translation>Office to apply to instead</translation>
    </message>
    <message>
        <location filename="../../ui/intake.py" line="520" />
        <source>已出具不予受理通知书</source>
        <translation>Rejection notice issued</translation>
    </message>
</context>
<context>
    <name>LapseNotice</name>
    <message>
        <location filename="../../ui/lapsenotice.py" line="63" />
        <source>容缺受理案件已自动终止</source>
        <translation>Cases accepted with owed materials were ended</translation>
    </message>
    <message>
        <location filename="../../ui/lapsenotice.py" line="66" />
        <source>{0} 件容缺受理案件逾期未补正，已自动终止：请告知申请人，案件已终止，需补齐材料后重新申请。</source>
        <translation>{0} cases accepted with owed materials passed their deadline without the materials and were ended by the system: tell the applicants their case has ended and they must apply again with all materials.</translation>
    </message>
    <message>
        <location filename="../../ui/lapsenotice.py" line="71" />
        <source>查看已终止清单</source>
        <translation>Show the ended cases</translation>
    </message>
    <message>
        <location filename="../../ui/lapsenotice.py" line="72" />
        <source>知道了</source>
        <translation>OK</translation>
    </message>
</context>
<context>
    <name>LoginDialog</name>
    <message>
        <location filename="../../ui/login.py" line="39" />
        <source>CounterDesk 登录</source>
        <translation>CounterDesk sign in</translation>
    </message>
    <message>
        <location filename="../../ui/login.py" line="39" />
        <source>已锁屏</source>
        <translation>Screen locked</translation>
    </message>
    <message>
        <location filename="../../ui/login.py" line="43" />
        <source>全程代办系统 · {0}（{1}号窗口电脑）</source>
        <translation>Full-process agency · {0} (counter PC {1})</translation>
    </message>
    <message>
        <location filename="../../ui/login.py" line="63" />
        <source>登录</source>
        <translation>Sign in</translation>
    </message>
    <message>
        <location filename="../../ui/login.py" line="63" />
        <source>解锁</source>
        <translation>Unlock</translation>
    </message>
    <message>
        <location filename="../../ui/login.py" line="67" />
        <source>用户名</source>
        <translation>User name</translation>
    </message>
    <message>
        <location filename="../../ui/login.py" line="68" />
        <source>密码</source>
        <translation>Password</translation>
    </message>
    <message>
        <location filename="../../ui/login.py" line="70" />
        <source>语言 / Language</source>
        <translation>语言 / Language</translation>
    </message>
    <message>
        <location filename="../../ui/login.py" line="78" />
        <source>{0} 已锁屏。请输入密码继续，或换人登录。</source>
        <translation>{0} locked the screen. Enter the password to continue, or sign in as someone else.</translation>
    </message>
    <message>
        <location filename="../../ui/login.py" line="79" />
        <source>数据已从备份恢复，请 {0} 重新输入密码，或换人登录。</source>
        <translation>The data was restored from a backup: {0}, enter your password again, or sign in as someone else.</translation>
    </message>
    <message>
        <location filename="../../ui/login.py" line="80" />
        <source>{0} 离开超过设定时间，已锁屏。请输入密码继续，或换人登录。</source>
        <translation>{0} was away longer than the set time; the screen is locked. Enter the password to continue, or sign in as someone else.</translation>
    </message>
    <message>
        <location filename="../../ui/login.py" line="94" />
        <source>请输入用户名和密码</source>
        <translation>Enter user name and password</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../ui/mainwindow.py" line="120" />
        <source>CounterDesk 全程代办 — {0} · {1}</source>
        <translation>CounterDesk Full-Process Agency — {0} · {1}</translation>
    </message>
    <message>
        <location filename="../../ui/mainwindow.py" line="157" />
        <source>受理 F2</source>
        <translation>Intake F2</translation>
    </message>
    <message>
        <location filename="../../ui/mainwindow.py" line="158" />
        <source>工作清单 F3</source>
        <translation>Work lists F3</translation>
    </message>
    <message>
        <location filename="../../ui/mainwindow.py" line="159" />
        <location filename="../../ui/mainwindow.py" line="166" />
        <source>案件 F4</source>
        <translation>Case F4</translation>
    </message>
    <message>
        <location filename="../../ui/mainwindow.py" line="160" />
        <source>送件/返回/领取 F5</source>
        <translation>Handover/returns/pickup F5</translation>
    </message>
    <message>
        <location filename="../../ui/mainwindow.py" line="163" />
        <source>统计 F6</source>
        <translation>Dashboard F6</translation>
    </message>
    <message>
        <location filename="../../ui/mainwindow.py" line="165" />
        <source>案件清单 F3</source>
        <translation>Case lists F3</translation>
    </message>
    <message>
        <location filename="../../ui/mainwindow.py" line="167" />
        <source>系统管理 F7</source>
        <translation>Administration F7</translation>
    </message>
    <message>
        <location filename="../../ui/mainwindow.py" line="167" />
        <source>同步与设置 F7</source>
        <translation>Sync and settings F7</translation>
    </message>
    <message>
        <location filename="../../ui/mainwindow.py" line="257" />
        <source>搜索</source>
        <translation>Search</translation>
    </message>
    <message>
        <location filename="../../ui/mainwindow.py" line="262" />
        <source>Ctrl+F 搜索：案件编号、姓名、拼音、证件号或电话尾号</source>
        <translation>Ctrl+F search: case number, name, pinyin, ID number or phone tail</translation>
    </message>
    <message>
        <location filename="../../ui/mainwindow.py" line="265" />
        <source>回车搜索；↓ 进入结果，回车打开案件</source>
        <translation>Enter searches; ↓ goes into the results, Enter opens the case</translation>
    </message>
    <message>
        <location filename="../../ui/mainwindow.py" line="269" />
        <source>反馈 F1</source>
        <translation>Feedback F1</translation>
    </message>
    <message>
        <location filename="../../ui/mainwindow.py" line="272" />
        <source>锁屏 Ctrl+L</source>
        <translation>Lock Ctrl+L</translation>
    </message>
    <message>
        <location filename="../../ui/mainwindow.py" line="281" />
        <source>{0}（{1}） · {2} · {3}</source>
        <translation>{0} ({1}) · {2} · {3}</translation>
    </message>
    <message>
        <location filename="../../ui/mainwindow.py" line="308" />
        <source>同步未完成：{0}</source>
        <translation>Sync not completed: {0}</translation>
    </message>
    <message>
        <location filename="../../ui/mainwindow.py" line="313" />
        <source>同步完成：上传 {0} 条，接收 {1} 条</source>
        <translation>Sync done: {0} sent, {1} received</translation>
    </message>
    <message>
        <location filename="../../ui/mainwindow.py" line="353" />
        <source>已锁屏：请解锁后重新放置证件</source>
        <translation>Screen locked: unlock, then place the card again</translation>
    </message>
    <message>
        <location filename="../../ui/mainwindow.py" line="304" />
        <source>区级平台回复了 {0} 条反馈（F1 查看）</source>
        <translation>The district answered {0} feedback item(s) (F1 to read)</translation>
    </message>
</context>
<context>
    <name>MaterialsDialog</name>
    <message>
        <location filename="../../ui/dialogs.py" line="228" />
        <source>补交材料</source>
        <translation>Supplement materials</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs.py" line="243" />
        <source>勾选申请人本次补交的材料：</source>
        <translation>Tick the materials the applicant has brought:</translation>
    </message>
</context>
<context>
    <name>PasswordDialog</name>
    <message>
        <location filename="../../ui/admin.py" line="74" />
        <source>重置密码</source>
        <translation>Reset password</translation>
    </message>
    <message>
        <location filename="../../ui/admin.py" line="76" />
        <source>为 {0}（{1}）设置新密码，请当面告诉本人。</source>
        <translation>New password for {0} ({1}); tell them in person.</translation>
    </message>
    <message>
        <location filename="../../ui/admin.py" line="81" />
        <source>新密码</source>
        <translation>New password</translation>
    </message>
    <message>
        <location filename="../../ui/admin.py" line="82" />
        <source>请输入新密码</source>
        <translation>Enter the new password</translation>
    </message>
    <message>
        <location filename="../../ui/admin.py" line="83" />
        <source>再输一次</source>
        <translation>Repeat</translation>
    </message>
    <message>
        <location filename="../../ui/admin.py" line="84" />
        <source>请再输一次新密码</source>
        <translation>Enter the new password again</translation>
    </message>
    <message>
        <location filename="../../ui/admin.py" line="88" />
        <source>两次输入的新密码不一致，请重新输入</source>
        <translation>The two passwords differ; enter them again</translation>
    </message>
</context>
<context>
    <name>PreviewDialog</name>
    <message>
        <location filename="../../ui/preview.py" line="93" />
        <source>{0} · 共 {1} 页 · 打印机：{2}</source>
        <translation>{0} · {1} page(s) · printer: {2}</translation>
    </message>
    <message>
        <location filename="../../ui/preview.py" line="94" />
        <source>系统默认</source>
        <translation>System default</translation>
    </message>
    <message>
        <location filename="../../ui/preview.py" line="97" />
        <source>打印 Ctrl+P</source>
        <translation>Print Ctrl+P</translation>
    </message>
    <message>
        <location filename="../../ui/preview.py" line="102" />
        <source>另存为 PDF Ctrl+S</source>
        <translation>Save as PDF Ctrl+S</translation>
    </message>
    <message>
        <location filename="../../ui/preview.py" line="106" />
        <source>关闭 Esc</source>
        <translation>Close Esc</translation>
    </message>
    <message>
        <location filename="../../ui/preview.py" line="153" />
        <source>另存为 PDF</source>
        <translation>Save as PDF</translation>
    </message>
    <message>
        <location filename="../../ui/preview.py" line="164" />
        <source>已另存为 {0}</source>
        <translation>Saved as {0}</translation>
    </message>
</context>
<context>
    <name>PrintersTab</name>
    <message>
        <location filename="../../ui/admin.py" line="292" />
        <source>系统默认打印机</source>
        <translation>System default printer</translation>
    </message>
    <message>
        <location filename="../../ui/admin.py" line="300" />
        <source>热敏卷纸</source>
        <translation>thermal roll</translation>
    </message>
    <message>
        <location filename="../../ui/admin.py" line="310" />
        <source>热敏纸宽</source>
        <translation>Thermal paper width</translation>
    </message>
    <message>
        <location filename="../../ui/admin.py" line="312" />
        <source>热敏回执</source>
        <translation>Thermal receipt</translation>
    </message>
    <message>
        <location filename="../../ui/admin.py" line="313" />
        <source>A4 回执</source>
        <translation>A4 receipt</translation>
    </message>
    <message>
        <location filename="../../ui/admin.py" line="318" />
        <source>受理回执用纸</source>
        <translation>Receipt paper</translation>
    </message>
    <message>
        <location filename="../../ui/admin.py" line="320" />
        <source>本机未发现打印机：将使用系统默认或另存为 PDF</source>
        <translation>No printer found: the system default or Save as PDF is used</translation>
    </message>
    <message>
        <location filename="../../ui/admin.py" line="342" />
        <source>数据文件读写失败</source>
        <translation>Cannot read or write the data file</translation>
    </message>
    <message>
        <location filename="../../ui/admin.py" line="343" />
        <source>打印机</source>
        <translation>Printers</translation>
    </message>
    <message>
        <location filename="../../ui/_i18n_strings.py" line="224" />
        <source>受理回执（热敏）</source>
        <translation>Receipt (thermal)</translation>
    </message>
    <message>
        <location filename="../../ui/_i18n_strings.py" line="225" />
        <source>受理回执（A4）</source>
        <translation>Receipt (A4)</translation>
    </message>
    <message>
        <location filename="../../ui/_i18n_strings.py" line="226" />
        <source>一次性告知书</source>
        <translation>One-time notice</translation>
    </message>
    <message>
        <location filename="../../ui/_i18n_strings.py" line="227" />
        <source>不予受理通知书</source>
        <translation>Rejection notice</translation>
    </message>
    <message>
        <location filename="../../ui/_i18n_strings.py" line="228" />
        <source>容缺受理承诺书</source>
        <translation>Deficiency commitment letter</translation>
    </message>
    <message>
        <location filename="../../ui/_i18n_strings.py" line="229" />
        <source>申请表</source>
        <translation>Application form</translation>
    </message>
    <message>
        <location filename="../../ui/_i18n_strings.py" line="230" />
        <source>送件交接单</source>
        <translation>Handover list</translation>
    </message>
    <message>
        <location filename="../../ui/_i18n_strings.py" line="231" />
        <source>结果返回清单</source>
        <translation>Returns list</translation>
    </message>
    <message>
        <location filename="../../ui/_i18n_strings.py" line="232" />
        <source>办结通知（领取单）</source>
        <translation>Pickup slip</translation>
    </message>
    <message>
        <location filename="../../ui/_i18n_strings.py" line="233" />
        <source>好差评评价单</source>
        <translation>Evaluation slip</translation>
    </message>
    <message>
        <location filename="../../ui/_i18n_strings.py" line="234" />
        <source>中心日报</source>
        <translation>Daily report</translation>
    </message>
    <message>
        <location filename="../../ui/_i18n_strings.py" line="235" />
        <source>中心月报</source>
        <translation>Monthly report</translation>
    </message>
</context>
<context>
    <name>ReaderBox</name>
    <message>
        <location filename="../../ui/_i18n_strings.py" line="247" />
        <source>不使用读卡器</source>
        <translation>No card reader</translation>
    </message>
    <message>
        <location filename="../../ui/_i18n_strings.py" line="248" />
        <source>读卡器厂商驱动（termb.dll，CVR 接口）</source>
        <translation>Vendor driver (termb.dll, CVR interface)</translation>
    </message>
    <message>
        <location filename="../../ui/_i18n_strings.py" line="249" />
        <source>读卡器标准驱动（sdtapi.dll，SDT 接口）</source>
        <translation>Standard driver (sdtapi.dll, SDT interface)</translation>
    </message>
    <message>
        <location filename="../../ui/_i18n_strings.py" line="250" />
        <source>键盘输入式读卡器（自动输入证件号）</source>
        <translation>Keyboard-wedge reader (types the ID number)</translation>
    </message>
    <message>
        <location filename="../../ui/_i18n_strings.py" line="251" />
        <source>模拟读卡器（演示、培训）</source>
        <translation>Simulated reader (demo, training)</translation>
    </message>
    <message>
        <location filename="../../ui/readersettings.py" line="41" />
        <source>身份证读卡器</source>
        <translation>ID card reader</translation>
    </message>
    <message>
        <location filename="../../ui/readersettings.py" line="51" />
        <source>厂商驱动文件：termb.dll 或 sdtapi.dll（.so）</source>
        <translation>Vendor driver: termb.dll or sdtapi.dll (.so)</translation>
    </message>
    <message>
        <location filename="../../ui/readersettings.py" line="52" />
        <source>选择驱动…</source>
        <translation>Choose driver…</translation>
    </message>
    <message>
        <location filename="../../ui/readersettings.py" line="56" />
        <source>自动（先 USB 1001–1016，再串口 COM1–COM16）</source>
        <translation>Automatic (USB 1001–1016, then serial COM1–COM16)</translation>
    </message>
    <message>
        <location filename="../../ui/readersettings.py" line="64" />
        <source>照片解码库（WltRS.dll，可不填：无照片）</source>
        <translation>Photo decoder (WltRS.dll; optional: no photo without it)</translation>
    </message>
    <message>
        <location filename="../../ui/readersettings.py" line="65" />
        <source>测试读卡器 Alt+T</source>
        <translation>Test reader Alt+T</translation>
    </message>
    <message>
        <location filename="../../ui/readersettings.py" line="80" />
        <source>读卡器类型</source>
        <translation>Reader type</translation>
    </message>
    <message>
        <location filename="../../ui/readersettings.py" line="81" />
        <source>驱动文件</source>
        <translation>Driver file</translation>
    </message>
    <message>
        <location filename="../../ui/readersettings.py" line="82" />
        <source>端口</source>
        <translation>Port</translation>
    </message>
    <message>
        <location filename="../../ui/readersettings.py" line="83" />
        <source>照片解码库</source>
        <translation>Photo decoder</translation>
    </message>
    <message>
        <location filename="../../ui/readersettings.py" line="115" />
        <source>选择读卡器驱动</source>
        <translation>Choose the reader driver</translation>
    </message>
    <message>
        <location filename="../../ui/readersettings.py" line="116" />
        <source>驱动库 (*.dll *.so *.so.*);;所有文件 (*)</source>
        <translation>Driver libraries (*.dll *.so *.so.*);;All files (*)</translation>
    </message>
    <message>
        <location filename="../../ui/readersettings.py" line="128" />
        <source>正在测试读卡器…</source>
        <translation>Testing the reader…</translation>
    </message>
    <message>
        <location filename="../../ui/readersettings.py" line="134" />
        <source>读卡器测试出错：{0}</source>
        <translation>Reader test failed: {0}</translation>
    </message>
</context>
<context>
    <name>ReaderLines</name>
    <message>
        <location filename="../../ui/_i18n_strings.py" line="273" />
        <source>读卡器已就绪（{0}）：请把证件放在读卡器上</source>
        <translation>Card reader ready ({0}): place the ID card on the reader</translation>
    </message>
    <message>
        <location filename="../../ui/_i18n_strings.py" line="274" />
        <source>已读取{0}</source>
        <translation>Read: {0}</translation>
    </message>
    <message>
        <location filename="../../ui/_i18n_strings.py" line="275" />
        <source>证件已取走</source>
        <translation>The card was taken away</translation>
    </message>
    <message>
        <location filename="../../ui/_i18n_strings.py" line="276" />
        <source>读卡器出错：请重新放置证件，或检查读卡器设置（可先手工录入）</source>
        <translation>Card reader error: place the card again or check the reader settings (type the details meanwhile)</translation>
    </message>
    <message>
        <location filename="../../ui/_i18n_strings.py" line="277" />
        <source>找不到读卡器驱动 {0}：请在「打印机与设备」中选择驱动文件</source>
        <translation>Card reader driver {0} not found: choose the driver file in Printers and devices</translation>
    </message>
    <message>
        <location filename="../../ui/_i18n_strings.py" line="278" />
        <source>{0} 不是读卡器驱动库文件：请选厂商提供的 .dll/.so 文件</source>
        <translation>{0} is not a reader driver library: choose the vendor's .dll/.so file</translation>
    </message>
    <message>
        <location filename="../../ui/_i18n_strings.py" line="279" />
        <source>{0} 不是读卡器驱动库文件</source>
        <translation>{0} is not a reader driver library</translation>
    </message>
    <message>
        <location filename="../../ui/_i18n_strings.py" line="280" />
        <source>{0} 是 {1} 的驱动，本机要用{2}，请向厂商索取</source>
        <translation>{0} is a driver for {1}; this PC needs the {2}: ask the vendor for it</translation>
    </message>
    <message>
        <location filename="../../ui/_i18n_strings.py" line="281" />
        <source>{0} 是 {1} 位驱动，本程序是 {2} 位：请向厂商索取 {3} 位驱动</source>
        <translation>{0} is a {1}-bit driver and this program is {2}-bit: ask the vendor for the {3}-bit driver</translation>
    </message>
    <message>
        <location filename="../../ui/_i18n_strings.py" line="282" />
        <source>{0} 是 {1} 处理器的驱动，本机是 {2}：请向厂商索取对应版本</source>
        <translation>{0} is a driver for {1} processors, this PC is {2}: ask the vendor for the matching version</translation>
    </message>
    <message>
        <location filename="../../ui/_i18n_strings.py" line="283" />
        <source>{0} 与本程序位数不符（本程序是 {1} 位）：请向厂商索取 {2} 位驱动</source>
        <translation>{0} does not match this program's bitness ({1}-bit): ask the vendor for the {2}-bit driver</translation>
    </message>
    <message>
        <location filename="../../ui/_i18n_strings.py" line="284" />
        <source>读卡器驱动 {0} 或它依赖的库找不到：请把厂商驱动的全部文件放在同一文件夹</source>
        <translation>Card reader driver {0} or a library it needs is missing: put all of the vendor's driver files in one folder</translation>
    </message>
    <message>
        <location filename="../../ui/_i18n_strings.py" line="285" />
        <source>读卡器驱动 {0} 无法加载</source>
        <translation>Card reader driver {0} cannot be loaded</translation>
    </message>
    <message>
        <location filename="../../ui/_i18n_strings.py" line="286" />
        <source>{0} 不是所选类型读卡器的驱动（缺少 {1}）：请检查驱动文件和读卡器类型</source>
        <translation>{0} is not a driver of the chosen reader type ({1} missing): check the driver file and the reader type</translation>
    </message>
    <message>
        <location filename="../../ui/_i18n_strings.py" line="287" />
        <source>没有找到读卡器（{0}）：请检查连线和端口设置</source>
        <translation>No card reader found ({0}): check the cable and the port setting</translation>
    </message>
    <message>
        <location filename="../../ui/_i18n_strings.py" line="288" />
        <source>读卡没有完成（证件被移开或放偏）：请把证件放稳后重新放置</source>
        <translation>The read did not finish (card moved or misplaced): place the card steadily again</translation>
    </message>
    <message>
        <location filename="../../ui/_i18n_strings.py" line="289" />
        <source>证件信息读取不完整，请重新放置证件或手工录入</source>
        <translation>The card's data came incomplete: place the card again or type the details</translation>
    </message>
    <message>
        <location filename="../../ui/_i18n_strings.py" line="290" />
        <source>读卡器无响应（{0}）：请检查连线</source>
        <translation>The card reader does not answer ({0}): check the cable</translation>
    </message>
    <message>
        <location filename="../../ui/_i18n_strings.py" line="291" />
        <source>读卡时证件被移开：请把证件放稳后重新放置</source>
        <translation>The card was moved away during the read: place it steadily again</translation>
    </message>
    <message>
        <location filename="../../ui/_i18n_strings.py" line="292" />
        <source>读卡失败（{0}）：请重新放置证件或手工录入</source>
        <translation>Reading the card failed ({0}): place it again or type the details</translation>
    </message>
    <message>
        <location filename="../../ui/_i18n_strings.py" line="293" />
        <source>证件信息没有读完：请把证件放稳后重新放置</source>
        <translation>The card was not read to the end: place it steadily again</translation>
    </message>
    <message>
        <location filename="../../ui/_i18n_strings.py" line="294" />
        <source>不认识的读卡器类型：{0}</source>
        <translation>Unknown card reader type: {0}</translation>
    </message>
    <message>
        <location filename="../../ui/_i18n_strings.py" line="295" />
        <source>未设置读卡器</source>
        <translation>No card reader set</translation>
    </message>
    <message>
        <location filename="../../ui/_i18n_strings.py" line="296" />
        <source>键盘输入式读卡器无需驱动：在证件号码栏放卡即可自动输入</source>
        <translation>A keyboard-wedge reader needs no driver: place the card while the ID number field has the focus</translation>
    </message>
    <message>
        <location filename="../../ui/_i18n_strings.py" line="297" />
        <source>读卡器正常（{0}），读到{1}</source>
        <translation>Card reader OK ({0}), read: {1}</translation>
    </message>
    <message>
        <location filename="../../ui/_i18n_strings.py" line="298" />
        <source>读卡器正常（{0}），未放证件</source>
        <translation>Card reader OK ({0}), no card on it</translation>
    </message>
    <message>
        <location filename="../../ui/_i18n_strings.py" line="299" />
        <source>USB 1001-1016 和串口 1-16</source>
        <translation>USB 1001-1016 and serial 1-16</translation>
    </message>
    <message>
        <location filename="../../ui/_i18n_strings.py" line="300" />
        <source>模拟读卡器</source>
        <translation>simulated reader</translation>
    </message>
    <message>
        <location filename="../../ui/_i18n_strings.py" line="301" />
        <source>（未设置）</source>
        <translation>(not set)</translation>
    </message>
    <message>
        <location filename="../../ui/_i18n_strings.py" line="302" />
        <source>Windows 版（.dll）</source>
        <translation>Windows version (.dll)</translation>
    </message>
    <message>
        <location filename="../../ui/_i18n_strings.py" line="303" />
        <source>Linux 版（.so）</source>
        <translation>Linux version (.so)</translation>
    </message>
    <message>
        <location filename="../../ui/_i18n_strings.py" line="304" />
        <source>居民身份证</source>
        <translation>Resident ID card</translation>
    </message>
    <message>
        <location filename="../../ui/_i18n_strings.py" line="305" />
        <source>港澳台居民居住证</source>
        <translation>Residence permit for HK, Macao and Taiwan residents</translation>
    </message>
    <message>
        <location filename="../../ui/_i18n_strings.py" line="306" />
        <source>外国人永久居留身份证</source>
        <translation>Foreign permanent resident ID</translation>
    </message>
    <message>
        <location filename="../../ui/_i18n_strings.py" line="307" />
        <source>香港居民居住证</source>
        <translation>Residence permit for Hong Kong residents</translation>
    </message>
    <message>
        <location filename="../../ui/_i18n_strings.py" line="308" />
        <source>澳门居民居住证</source>
        <translation>Residence permit for Macao residents</translation>
    </message>
    <message>
        <location filename="../../ui/_i18n_strings.py" line="309" />
        <source>台湾居民居住证</source>
        <translation>Residence permit for Taiwan residents</translation>
    </message>
    <message>
        <location filename="../../ui/_i18n_strings.py" line="310" />
        <source>端口打开失败</source>
        <translation>port open failed</translation>
    </message>
    <message>
        <location filename="../../ui/_i18n_strings.py" line="311" />
        <source>接收超时</source>
        <translation>receive timeout</translation>
    </message>
    <message>
        <location filename="../../ui/_i18n_strings.py" line="312" />
        <source>数据传输错误</source>
        <translation>transfer error</translation>
    </message>
    <message>
        <location filename="../../ui/_i18n_strings.py" line="313" />
        <source>SAM 串口不可用</source>
        <translation>SAM serial port unavailable</translation>
    </message>
    <message>
        <location filename="../../ui/_i18n_strings.py" line="314" />
        <source>打开文件失败</source>
        <translation>file open failed</translation>
    </message>
    <message>
        <location filename="../../ui/_i18n_strings.py" line="315" />
        <source>校验和错</source>
        <translation>checksum error</translation>
    </message>
    <message>
        <location filename="../../ui/_i18n_strings.py" line="316" />
        <source>长度错</source>
        <translation>length error</translation>
    </message>
    <message>
        <location filename="../../ui/_i18n_strings.py" line="317" />
        <source>命令错误</source>
        <translation>command error</translation>
    </message>
    <message>
        <location filename="../../ui/_i18n_strings.py" line="318" />
        <source>越权操作</source>
        <translation>operation not allowed</translation>
    </message>
    <message>
        <location filename="../../ui/_i18n_strings.py" line="319" />
        <source>无法识别的错误</source>
        <translation>unrecognised error</translation>
    </message>
    <message>
        <location filename="../../ui/_i18n_strings.py" line="320" />
        <source>卡认证机具失败</source>
        <translation>card failed to authenticate the reader</translation>
    </message>
    <message>
        <location filename="../../ui/_i18n_strings.py" line="321" />
        <source>机具认证卡失败</source>
        <translation>reader failed to authenticate the card</translation>
    </message>
    <message>
        <location filename="../../ui/_i18n_strings.py" line="322" />
        <source>信息验证错误</source>
        <translation>data verification error</translation>
    </message>
    <message>
        <location filename="../../ui/_i18n_strings.py" line="323" />
        <source>无法识别的卡类型</source>
        <translation>unrecognised card type</translation>
    </message>
    <message>
        <location filename="../../ui/_i18n_strings.py" line="324" />
        <source>读卡操作失败</source>
        <translation>read operation failed</translation>
    </message>
    <message>
        <location filename="../../ui/_i18n_strings.py" line="325" />
        <source>取随机数失败</source>
        <translation>random number failed</translation>
    </message>
    <message>
        <location filename="../../ui/_i18n_strings.py" line="326" />
        <source>SAM 自检失败</source>
        <translation>SAM self-test failed</translation>
    </message>
    <message>
        <location filename="../../ui/_i18n_strings.py" line="327" />
        <source>SAM 未经授权</source>
        <translation>SAM not authorised</translation>
    </message>
    <message>
        <location filename="../../ui/_i18n_strings.py" line="328" />
        <source>找卡失败</source>
        <translation>no card found</translation>
    </message>
    <message>
        <location filename="../../ui/_i18n_strings.py" line="329" />
        <source>选卡失败</source>
        <translation>card selection failed</translation>
    </message>
    <message>
        <location filename="../../ui/_i18n_strings.py" line="330" />
        <source>无此内容</source>
        <translation>no such content</translation>
    </message>
    <message>
        <location filename="../../ui/_i18n_strings.py" line="331" />
        <source>未知错误</source>
        <translation>unknown error</translation>
    </message>
    <message>
        <location filename="../../ui/_i18n_strings.py" line="332" />
        <source>端口 {0}</source>
        <translation>port {0}</translation>
    </message>
</context>
<context>
    <name>ReaderService</name>
    <message>
        <location filename="../../ui/reader.py" line="122" />
        <source>键盘式读卡器：在证件号码栏放卡即可</source>
        <translation>Keyboard-wedge reader: place the card while the ID number field has the focus</translation>
    </message>
</context>
<context>
    <name>ResultDialog</name>
    <message>
        <location filename="../../ui/dialogs.py" line="166" />
        <source>部门出具结果</source>
        <translation>Department result</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs.py" line="176" />
        <source>结果</source>
        <translation>Outcome</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs.py" line="177" />
        <source>理由（不予/补正必填）</source>
        <translation>Reason (required unless approved)</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs.py" line="178" />
        <source>文书编号</source>
        <translation>Document number</translation>
    </message>
    <message>
        <location filename="../../ui/_i18n_strings.py" line="209" />
        <source>准予</source>
        <translation>Approved</translation>
    </message>
    <message>
        <location filename="../../ui/_i18n_strings.py" line="210" />
        <source>不予</source>
        <translation>Denied</translation>
    </message>
    <message>
        <location filename="../../ui/_i18n_strings.py" line="211" />
        <source>需补正</source>
        <translation>Needs supplement</translation>
    </message>
</context>
<context>
    <name>SearchModel</name>
    <message>
        <location filename="../../ui/_i18n_strings.py" line="236" />
        <source>案件编号</source>
        <translation>Case number</translation>
    </message>
    <message>
        <location filename="../../ui/_i18n_strings.py" line="237" />
        <source>申请人</source>
        <translation>Applicant</translation>
    </message>
    <message>
        <location filename="../../ui/_i18n_strings.py" line="238" />
        <source>证件号</source>
        <translation>ID number</translation>
    </message>
    <message>
        <location filename="../../ui/_i18n_strings.py" line="239" />
        <source>事项</source>
        <translation>Matter</translation>
    </message>
    <message>
        <location filename="../../ui/_i18n_strings.py" line="240" />
        <source>状态</source>
        <translation>Status</translation>
    </message>
    <message>
        <location filename="../../ui/_i18n_strings.py" line="241" />
        <source>受理日期</source>
        <translation>Accepted</translation>
    </message>
    <message>
        <location filename="../../ui/_i18n_strings.py" line="242" />
        <source>办结期限</source>
        <translation>Due date</translation>
    </message>
    <message>
        <location filename="../../ui/_i18n_strings.py" line="243" />
        <source>匹配</source>
        <translation>Match</translation>
    </message>
    <message>
        <location filename="../../ui/worklists.py" line="104" />
        <source>Ctrl+R 显示所选行的完整证件号（留痕）</source>
        <translation>Ctrl+R shows the selected row's full ID number (logged)</translation>
    </message>
</context>
<context>
    <name>SettingsTab</name>
    <message>
        <location filename="../../ui/admin.py" line="495" />
        <source>切换语言</source>
        <translation>Switch language</translation>
    </message>
    <message>
        <location filename="../../ui/admin.py" line="502" />
        <source> 分钟（本机所有账户）</source>
        <translation> minutes (every account on this PC)</translation>
    </message>
    <message>
        <location filename="../../ui/admin.py" line="508" />
        <source>由系统管理员设置</source>
        <translation>Set by the administrator</translation>
    </message>
    <message>
        <location filename="../../ui/admin.py" line="513" />
        <source>界面语言</source>
        <translation>Language</translation>
    </message>
    <message>
        <location filename="../../ui/admin.py" line="514" />
        <source>无操作自动锁屏</source>
        <translation>Lock after idle</translation>
    </message>
    <message>
        <location filename="../../ui/admin.py" line="517" />
        <source>受理时必需材料默认勾选（申请人缺少的再取消勾选）</source>
        <translation>Tick required materials at intake (untick what the applicant lacks)</translation>
    </message>
    <message>
        <location filename="../../ui/admin.py" line="518" />
        <source>按 F9–F12 决定后直接打印，不再预览确认</source>
        <translation>Print at once after F9–F12, without the preview</translation>
    </message>
    <message>
        <location filename="../../ui/admin.py" line="525" />
        <source>受理</source>
        <translation>Intake</translation>
    </message>
    <message>
        <location filename="../../ui/admin.py" line="527" />
        <source>中心</source>
        <translation>Center</translation>
    </message>
    <message>
        <location filename="../../ui/admin.py" line="528" />
        <source>本机</source>
        <translation>This PC</translation>
    </message>
    <message>
        <location filename="../../ui/admin.py" line="529" />
        <source>数据文件</source>
        <translation>Data file</translation>
    </message>
</context>
<context>
    <name>SetupWizard</name>
    <message>
        <location filename="../../ui/setupwizard.py" line="64" />
        <source>CounterDesk 首次设置</source>
        <translation>CounterDesk first-run setup</translation>
    </message>
    <message>
        <location filename="../../ui/setupwizard.py" line="73" />
        <source>中心与本机</source>
        <translation>Center and this PC</translation>
    </message>
    <message>
        <location filename="../../ui/setupwizard.py" line="74" />
        <source>中心编码由区级平台分配；窗口电脑编号在本中心内唯一。</source>
        <translation>The center code comes from the district; the counter PC number is unique within the center.</translation>
    </message>
    <message>
        <location filename="../../ui/setupwizard.py" line="81" />
        <source>中心编码</source>
        <translation>Center code</translation>
    </message>
    <message>
        <location filename="../../ui/setupwizard.py" line="82" />
        <source>中心名称</source>
        <translation>Center name</translation>
    </message>
    <message>
        <location filename="../../ui/setupwizard.py" line="83" />
        <source>窗口电脑编号</source>
        <translation>Counter PC number</translation>
    </message>
    <message>
        <location filename="../../ui/setupwizard.py" line="84" />
        <source>窗口名称</source>
        <translation>Counter name</translation>
    </message>
    <message>
        <location filename="../../ui/setupwizard.py" line="85" />
        <source>中心电话</source>
        <translation>Center phone</translation>
    </message>
    <message>
        <location filename="../../ui/setupwizard.py" line="90" />
        <source>区级平台</source>
        <translation>District platform</translation>
    </message>
    <message>
        <location filename="../../ui/setupwizard.py" line="96" />
        <source>仅离线使用（以后可在管理页注册）</source>
        <translation>Offline only (enroll later on the admin page)</translation>
    </message>
    <message>
        <location filename="../../ui/setupwizard.py" line="97" />
        <source>服务器地址</source>
        <translation>Server address</translation>
    </message>
    <message>
        <location filename="../../ui/setupwizard.py" line="98" />
        <source>CA 证书</source>
        <translation>CA certificate</translation>
    </message>
    <message>
        <location filename="../../ui/setupwizard.py" line="99" />
        <source>注册码</source>
        <translation>Enrollment code</translation>
    </message>
    <message>
        <location filename="../../ui/setupwizard.py" line="92" />
        <source>联网的中心填写服务器地址和一次性注册码（区级用自建 CA 时再选它的 CA 证书）；无网络的中心选择仅离线。</source>
        <translation>Connected centers enter the server address and the one-time enrollment code (and choose the district's CA certificate when it uses its own CA); centers without a network choose offline only.</translation>
    </message>
    <message>
        <location filename="../../ui/setupwizard.py" line="113" />
        <source>可不选</source>
        <translation>Optional</translation>
    </message>
    <message>
        <location filename="../../ui/setupwizard.py" line="118" />
        <source>选择CA证书…</source>
        <translation>Choose CA certificate…</translation>
    </message>
    <message>
        <location filename="../../ui/setupwizard.py" line="121" />
        <source>清除</source>
        <translation>Clear</translation>
    </message>
    <message>
        <location filename="../../ui/setupwizard.py" line="166" />
        <source>首个管理员</source>
        <translation>First administrator</translation>
    </message>
    <message>
        <location filename="../../ui/setupwizard.py" line="166" />
        <source>密码至少 8 位，含字母和数字；只保存其哈希。</source>
        <translation>At least 8 characters with letters and digits; only its hash is kept.</translation>
    </message>
    <message>
        <location filename="../../ui/setupwizard.py" line="168" />
        <source>系统管理员</source>
        <translation>Administrator</translation>
    </message>
    <message>
        <location filename="../../ui/setupwizard.py" line="172" />
        <source>登录名</source>
        <translation>Login</translation>
    </message>
    <message>
        <location filename="../../ui/setupwizard.py" line="173" />
        <source>姓名</source>
        <translation>Name</translation>
    </message>
    <message>
        <location filename="../../ui/setupwizard.py" line="174" />
        <source>密码</source>
        <translation>Password</translation>
    </message>
    <message>
        <location filename="../../ui/setupwizard.py" line="175" />
        <source>再输一次</source>
        <translation>Repeat</translation>
    </message>
    <message>
        <location filename="../../ui/setupwizard.py" line="180" />
        <source>打印机与备份</source>
        <translation>Printers and backup</translation>
    </message>
    <message>
        <location filename="../../ui/setupwizard.py" line="181" />
        <source>每种单据可用不同打印机（热敏小票 / A4）；每日自动备份到 U 盘等文件夹。</source>
        <translation>Each document kind may use its own printer (thermal roll / A4); a daily automatic backup goes to a folder such as a USB stick.</translation>
    </message>
    <message>
        <location filename="../../ui/setupwizard.py" line="193" />
        <source>备份文件夹</source>
        <translation>Backup folder</translation>
    </message>
    <message>
        <location filename="../../ui/setupwizard.py" line="194" />
        <source>每日备份时间</source>
        <translation>Daily backup time</translation>
    </message>
    <message>
        <location filename="../../ui/setupwizard.py" line="237" />
        <source>两次输入的密码不一致</source>
        <translation>The two passwords differ</translation>
    </message>
    <message>
        <location filename="../../ui/setupwizard.py" line="257" />
        <source>设置向导</source>
        <translation>setup wizard</translation>
    </message>
    <message>
        <location filename="../../ui/setupwizard.py" line="274" />
        <source>请回到“区级平台”一页选择区级平台的 CA 证书，再点“完成”（已创建的数据和管理员保持不变，注册码没有用掉）。</source>
        <translation>Go back to the “District platform” page, choose the district's CA certificate and press Finish again (the data and the admin already created stay as they are; the enrollment code was not used up).</translation>
    </message>
    <message>
        <location filename="../../ui/_i18n_strings.py" line="196" />
        <source>（系统默认）</source>
        <translation>(system default)</translation>
    </message>
</context>
<context>
    <name>SimulatorButton</name>
    <message>
        <location filename="../../ui/_i18n_strings.py" line="252" />
        <source>普通居民身份证</source>
        <translation>Ordinary resident ID card</translation>
    </message>
    <message>
        <location filename="../../ui/_i18n_strings.py" line="253" />
        <source>生僻字（扩展A 䶮）</source>
        <translation>Rare character (CJK Extension A)</translation>
    </message>
    <message>
        <location filename="../../ui/_i18n_strings.py" line="254" />
        <source>生僻字（扩展B 𠮷）</source>
        <translation>Rare character (CJK Extension B)</translation>
    </message>
    <message>
        <location filename="../../ui/_i18n_strings.py" line="255" />
        <source>生僻字（扩展E 𬱖）</source>
        <translation>Rare character (CJK Extension E)</translation>
    </message>
    <message>
        <location filename="../../ui/_i18n_strings.py" line="256" />
        <source>生僻字（扩展G 𰻞）</source>
        <translation>Rare character (CJK Extension G)</translation>
    </message>
    <message>
        <location filename="../../ui/_i18n_strings.py" line="257" />
        <source>过期证件</source>
        <translation>Expired card</translation>
    </message>
    <message>
        <location filename="../../ui/_i18n_strings.py" line="258" />
        <source>自造字（私用区）</source>
        <translation>Card system's own character (Private Use Area)</translation>
    </message>
    <message>
        <location filename="../../ui/_i18n_strings.py" line="259" />
        <source>外国人永久居留身份证（2023 版）</source>
        <translation>Foreign permanent residence ID card (2023)</translation>
    </message>
    <message>
        <location filename="../../ui/_i18n_strings.py" line="260" />
        <source>港澳台居民居住证</source>
        <translation>Residence permit for HK, Macao and Taiwan residents</translation>
    </message>
    <message>
        <location filename="../../ui/_i18n_strings.py" line="261" />
        <source>读卡出错</source>
        <translation>Read error</translation>
    </message>
    <message>
        <location filename="../../ui/_i18n_strings.py" line="262" />
        <source>读卡中途拿走证件</source>
        <translation>Card pulled away mid-read</translation>
    </message>
    <message>
        <location filename="../../ui/simcards.py" line="26" />
        <source>模拟放卡 F8</source>
        <translation>Simulated card F8</translation>
    </message>
    <message>
        <location filename="../../ui/simcards.py" line="27" />
        <source>演示与培训：把一张模拟证件放到读卡器上</source>
        <translation>Demo and training: place a simulated card on the reader</translation>
    </message>
</context>
<context>
    <name>SyncIndicator</name>
    <message>
        <location filename="../../ui/mainwindow.py" line="50" />
        <source>● 检查中</source>
        <translation>● Checking</translation>
    </message>
    <message>
        <location filename="../../ui/mainwindow.py" line="54" />
        <source>立即同步</source>
        <translation>Sync now</translation>
    </message>
    <message>
        <location filename="../../ui/mainwindow.py" line="70" />
        <source>● 在线</source>
        <translation>● Online</translation>
    </message>
    <message>
        <location filename="../../ui/mainwindow.py" line="73" />
        <source>● 离线</source>
        <translation>● Offline</translation>
    </message>
    <message>
        <location filename="../../ui/mainwindow.py" line="80" />
        <source>未注册区级平台：{0} 条只在本机</source>
        <translation>Not enrolled: {0} events only on this PC</translation>
    </message>
    <message>
        <location filename="../../ui/mainwindow.py" line="84" />
        <source>待上传 {0} 条，即将上传</source>
        <translation>{0} waiting, uploading shortly</translation>
    </message>
    <message>
        <location filename="../../ui/mainwindow.py" line="86" />
        <source>待上传 {0} 条，最早一条已等 {1}</source>
        <translation>{0} pending, oldest waiting {1}</translation>
    </message>
    <message>
        <location filename="../../ui/mainwindow.py" line="89" />
        <source>上次错误：{0}</source>
        <translation>Last error: {0}</translation>
    </message>
    <message>
        <location filename="../../ui/mainwindow.py" line="91" />
        <source>；同步出错（悬停查看）</source>
        <translation>; sync failed (hover for details)</translation>
    </message>
    <message>
        <location filename="../../ui/mainwindow.py" line="82" />
        <source>已全部上传</source>
        <translation>All uploaded</translation>
    </message>
    <message>
        <location filename="../../ui/mainwindow.py" line="88" />
        <source>；{0} 条被拒收</source>
        <translation>; {0} refused</translation>
    </message>
</context>
<context>
    <name>SyncPage</name>
    <message>
        <location filename="../../ui/syncpage.py" line="118" />
        <source>保存地址</source>
        <translation>Save address</translation>
    </message>
    <message>
        <location filename="../../ui/syncpage.py" line="123" />
        <source>用注册码注册本机</source>
        <translation>Enroll this PC with the code</translation>
    </message>
    <message>
        <location filename="../../ui/syncpage.py" line="70" />
        <source>立即同步</source>
        <translation>Sync now</translation>
    </message>
    <message>
        <location filename="../../ui/syncpage.py" line="64" />
        <source>电脑</source>
        <translation>PC</translation>
    </message>
    <message>
        <location filename="../../ui/syncpage.py" line="64" />
        <source>原因</source>
        <translation>Reason</translation>
    </message>
    <message>
        <location filename="../../ui/syncpage.py" line="89" />
        <source>未同步的事件：本机被区级平台拒收的，其他电脑的本机未收下的</source>
        <translation>Not synced: this PC's events the district refused, other PCs' events this PC did not keep</translation>
    </message>
    <message>
        <location filename="../../ui/syncpage.py" line="126" />
        <source>区级平台</source>
        <translation>District platform</translation>
    </message>
    <message>
        <location filename="../../ui/syncpage.py" line="131" />
        <location filename="../../ui/syncpage.py" line="143" />
        <source>平台地址</source>
        <translation>Server address</translation>
    </message>
    <message>
        <location filename="../../ui/syncpage.py" line="131" />
        <source>注册码</source>
        <translation>Enrollment code</translation>
    </message>
    <message>
        <location filename="../../ui/syncpage.py" line="171" />
        <source>同步状态</source>
        <translation>Sync status</translation>
    </message>
    <message>
        <location filename="../../ui/syncpage.py" line="174" />
        <source>注册</source>
        <translation>Enrollment</translation>
    </message>
    <message>
        <location filename="../../ui/syncpage.py" line="174" />
        <source>待上传事件</source>
        <translation>Pending events</translation>
    </message>
    <message>
        <location filename="../../ui/syncpage.py" line="175" />
        <source>最早未上传</source>
        <translation>Oldest pending</translation>
    </message>
    <message>
        <location filename="../../ui/syncpage.py" line="175" />
        <source>已确认序号</source>
        <translation>Acknowledged seq</translation>
    </message>
    <message>
        <location filename="../../ui/syncpage.py" line="176" />
        <source>上次联系</source>
        <translation>Last contact</translation>
    </message>
    <message>
        <location filename="../../ui/syncpage.py" line="176" />
        <source>上次成功</source>
        <translation>Last success</translation>
    </message>
    <message>
        <location filename="../../ui/syncpage.py" line="177" />
        <source>上次错误</source>
        <translation>Last error</translation>
    </message>
    <message>
        <location filename="../../ui/syncpage.py" line="177" />
        <source>阶段</source>
        <translation>Stage</translation>
    </message>
    <message>
        <location filename="../../ui/syncpage.py" line="64" />
        <source>序号</source>
        <translation>Seq</translation>
    </message>
    <message>
        <location filename="../../ui/syncpage.py" line="64" />
        <source>代码</source>
        <translation>Code</translation>
    </message>
    <message>
        <location filename="../../ui/syncpage.py" line="76" />
        <source>导出U盘数据包</source>
        <translation>Export USB bundle</translation>
    </message>
    <message>
        <location filename="../../ui/syncpage.py" line="77" />
        <source>导入区级回执文件</source>
        <translation>Import district acknowledgement</translation>
    </message>
    <message>
        <location filename="../../ui/syncpage.py" line="106" />
        <source>同步完成：上传 {0} 条，接收 {1} 条</source>
        <translation>Sync done: {0} sent, {1} received</translation>
    </message>
    <message>
        <location filename="../../ui/syncpage.py" line="138" />
        <source>CA 证书</source>
        <translation>CA certificate</translation>
    </message>
    <message>
        <location filename="../../ui/syncpage.py" line="154" />
        <location filename="../../ui/syncpage.py" line="243" />
        <source>未设置（只信任本机系统的证书）</source>
        <translation>Not set (only the system's certificates are trusted)</translation>
    </message>
    <message>
        <location filename="../../ui/syncpage.py" line="158" />
        <source>选择CA证书…</source>
        <translation>Choose CA certificate…</translation>
    </message>
    <message>
        <location filename="../../ui/syncpage.py" line="161" />
        <source>清除</source>
        <translation>Clear</translation>
    </message>
    <message>
        <location filename="../../ui/syncpage.py" line="200" />
        <source>未设置</source>
        <translation>Not set</translation>
    </message>
    <message>
        <location filename="../../ui/syncpage.py" line="207" />
        <source>本机</source>
        <translation>This PC</translation>
    </message>
    <message>
        <location filename="../../ui/syncpage.py" line="209" />
        <source>其他电脑 %1</source>
        <translation>Other PC %1</translation>
    </message>
    <message>
        <location filename="../../ui/syncpage.py" line="218" />
        <source>已注册</source>
        <translation>Enrolled</translation>
    </message>
    <message>
        <location filename="../../ui/syncpage.py" line="218" />
        <source>未注册</source>
        <translation>Not enrolled</translation>
    </message>
    <message>
        <location filename="../../ui/syncpage.py" line="226" />
        <source>空闲</source>
        <translation>Idle</translation>
    </message>
    <message>
        <location filename="../../ui/syncpage.py" line="227" />
        <source>上传中</source>
        <translation>Pushing</translation>
    </message>
    <message>
        <location filename="../../ui/syncpage.py" line="228" />
        <source>接收中</source>
        <translation>Pulling</translation>
    </message>
    <message>
        <location filename="../../ui/syncpage.py" line="235" />
        <source>已保存平台地址</source>
        <translation>Server address saved</translation>
    </message>
    <message>
        <location filename="../../ui/syncpage.py" line="246" />
        <source>{0}：{1}</source>
        <translation>{0}: {1}</translation>
    </message>
    <message>
        <location filename="../../ui/syncpage.py" line="249" />
        <source>{0}（{1}）</source>
        <translation>{0} ({1})</translation>
    </message>
    <message>
        <location filename="../../ui/syncpage.py" line="260" />
        <source>已设置 CA 证书：{0}</source>
        <translation>CA certificate set: {0}</translation>
    </message>
    <message>
        <location filename="../../ui/syncpage.py" line="274" />
        <source>已清除 CA 证书：只信任本机系统的证书</source>
        <translation>CA certificate cleared: only the system's certificates are trusted</translation>
    </message>
    <message>
        <location filename="../../ui/syncpage.py" line="288" />
        <source>注册成功：{0}</source>
        <translation>Enrolled: {0}</translation>
    </message>
    <message>
        <location filename="../../ui/syncpage.py" line="318" />
        <source>没有待上传的事件和留痕，无需导出数据包</source>
        <translation>Nothing to upload (no events, no access entries): no bundle needed</translation>
    </message>
    <message>
        <location filename="../../ui/syncpage.py" line="323" />
        <source>导出数据包</source>
        <translation>Export bundle</translation>
    </message>
    <message>
        <location filename="../../ui/syncpage.py" line="323" />
        <source>数据包 (*.bundle)</source>
        <translation>Bundles (*.bundle)</translation>
    </message>
    <message>
        <location filename="../../ui/syncpage.py" line="334" />
        <source>已导出 {0} 个事件（序号 {1}–{2}）到 {3}</source>
        <translation>Exported {0} events (seq {1}–{2}) to {3}</translation>
    </message>
    <message>
        <location filename="../../ui/syncpage.py" line="344" />
        <source>导入回执文件</source>
        <translation>Import acknowledgement file</translation>
    </message>
    <message>
        <location filename="../../ui/syncpage.py" line="348" />
        <source>已确认到序号 {0}</source>
        <translation>Acknowledged up to seq {0}</translation>
    </message>
</context>
<context>
    <name>SyncService</name>
    <message>
        <location filename="../../ui/syncservice.py" line="93" />
        <source>选择区级平台的 CA 证书</source>
        <translation>Choose the district's CA certificate</translation>
    </message>
    <message>
        <location filename="../../ui/syncservice.py" line="95" />
        <source>证书 (*.pem *.crt *.cer);;所有文件 (*)</source>
        <translation>Certificates (*.pem *.crt *.cer);;All files (*)</translation>
    </message>
    <message>
        <location filename="../../ui/syncservice.py" line="121" />
        <source>{0} 等 {1} 张，有效期至 {2}</source>
        <translation>{0} and others ({1} certificates), valid until {2}</translation>
    </message>
    <message>
        <location filename="../../ui/syncservice.py" line="124" />
        <source>{0}，有效期至 {1}</source>
        <translation>{0}, valid until {1}</translation>
    </message>
    <message>
        <location filename="../../ui/syncservice.py" line="133" />
        <source>{0} 秒</source>
        <translation>{0} s</translation>
    </message>
    <message>
        <location filename="../../ui/syncservice.py" line="135" />
        <source>{0} 分钟</source>
        <translation>{0} min</translation>
    </message>
    <message>
        <location filename="../../ui/syncservice.py" line="137" />
        <source>{0} 小时</source>
        <translation>{0} h</translation>
    </message>
    <message>
        <location filename="../../ui/syncservice.py" line="138" />
        <source>{0} 天</source>
        <translation>{0} days</translation>
    </message>
</context>
<context>
    <name>TransferDialog</name>
    <message>
        <location filename="../../ui/dialogs.py" line="271" />
        <source>转交给其他承办人</source>
        <translation>Transfer to another clerk</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs.py" line="286" />
        <source>转交原因（可不填）</source>
        <translation>Reason for the transfer (optional)</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs.py" line="288" />
        <source>转交给：</source>
        <translation>Transfer to:</translation>
    </message>
</context>
<context>
    <name>UserDialog</name>
    <message>
        <location filename="../../ui/admin.py" line="56" />
        <source>新建用户</source>
        <translation>New user</translation>
    </message>
    <message>
        <location filename="../../ui/admin.py" line="57" />
        <source>登录名</source>
        <translation>Login</translation>
    </message>
    <message>
        <location filename="../../ui/admin.py" line="58" />
        <source>姓名</source>
        <translation>Name</translation>
    </message>
    <message>
        <location filename="../../ui/admin.py" line="59" />
        <source>角色</source>
        <translation>Role</translation>
    </message>
    <message>
        <location filename="../../ui/admin.py" line="62" />
        <source>初始密码</source>
        <translation>Initial password</translation>
    </message>
    <message>
        <location filename="../../ui/_i18n_strings.py" line="221" />
        <source>窗口人员</source>
        <translation>Counter clerk</translation>
    </message>
    <message>
        <location filename="../../ui/_i18n_strings.py" line="222" />
        <source>中心主任</source>
        <translation>Center chief</translation>
    </message>
    <message>
        <location filename="../../ui/_i18n_strings.py" line="223" />
        <source>系统管理员</source>
        <translation>Administrator</translation>
    </message>
</context>
<context>
    <name>UsersTab</name>
    <message>
        <location filename="../../ui/admin.py" line="104" />
        <source>登录名</source>
        <translation>Login</translation>
    </message>
    <message>
        <location filename="../../ui/admin.py" line="104" />
        <source>姓名</source>
        <translation>Name</translation>
    </message>
    <message>
        <location filename="../../ui/admin.py" line="104" />
        <source>角色</source>
        <translation>Role</translation>
    </message>
    <message>
        <location filename="../../ui/admin.py" line="104" />
        <source>状态</source>
        <translation>Status</translation>
    </message>
    <message>
        <location filename="../../ui/admin.py" line="104" />
        <source>锁定</source>
        <translation>Locked</translation>
    </message>
    <message>
        <location filename="../../ui/admin.py" line="105" />
        <source>本机账户</source>
        <translation>Account on this PC</translation>
    </message>
    <message>
        <location filename="../../ui/admin.py" line="112" />
        <source>新建用户</source>
        <translation>New user</translation>
    </message>
    <message>
        <location filename="../../ui/admin.py" line="113" />
        <source>重置密码</source>
        <translation>Reset password</translation>
    </message>
    <message>
        <location filename="../../ui/admin.py" line="114" />
        <source>停用/启用</source>
        <translation>Deactivate/activate</translation>
    </message>
    <message>
        <location filename="../../ui/admin.py" line="115" />
        <source>解锁</source>
        <translation>Unlock</translation>
    </message>
    <message>
        <location filename="../../ui/admin.py" line="116" />
        <location filename="../../ui/admin.py" line="187" />
        <source>在本机开通</source>
        <translation>Open account here</translation>
    </message>
    <message>
        <location filename="../../ui/admin.py" line="152" />
        <source>已锁定（至 {0}）</source>
        <translation>Locked (until {0})</translation>
    </message>
    <message>
        <location filename="../../ui/admin.py" line="159" />
        <source>在用</source>
        <translation>Active</translation>
    </message>
    <message>
        <location filename="../../ui/admin.py" line="159" />
        <source>停用</source>
        <translation>Inactive</translation>
    </message>
    <message>
        <location filename="../../ui/admin.py" line="204" />
        <source>已重置 {0}（{1}）的密码</source>
        <translation>Password of {0} ({1}) reset</translation>
    </message>
    <message>
        <location filename="../../ui/admin.py" line="215" />
        <source>停用账户</source>
        <translation>Disable account</translation>
    </message>
    <message>
        <location filename="../../ui/admin.py" line="216" />
        <source>停用 {0} 的账户？停用后此人不能登录。</source>
        <translation>Disable the account of {0}? They can no longer log in.</translation>
    </message>
    <message>
        <location filename="../../ui/admin.py" line="221" />
        <source>已停用 {0} 的账户</source>
        <translation>Account of {0} disabled</translation>
    </message>
    <message>
        <location filename="../../ui/admin.py" line="221" />
        <source>已启用 {0} 的账户</source>
        <translation>Account of {0} enabled</translation>
    </message>
    <message>
        <location filename="../../ui/admin.py" line="231" />
        <source>已解锁 {0}（{1}），现在可以登录</source>
        <translation>{0} ({1}) unlocked: they can log in now</translation>
    </message>
    <message>
        <location filename="../../ui/admin.py" line="160" />
        <source>有</source>
        <translation>Yes</translation>
    </message>
    <message>
        <location filename="../../ui/admin.py" line="160" />
        <source>无（其他窗口电脑）</source>
        <translation>No (another counter PC)</translation>
    </message>
    <message>
        <location filename="../../ui/admin.py" line="173" />
        <source>用户</source>
        <translation>Users</translation>
    </message>
    <message>
        <location filename="../../ui/admin.py" line="174" />
        <source>此人在本机已有账户。</source>
        <translation>This person already has an account on this PC.</translation>
    </message>
    <message>
        <location filename="../../ui/admin.py" line="176" />
        <source>此人在本机还没有账户，请先点“在本机开通”。</source>
        <translation>This person has no account on this PC yet: click “Open account here” first.</translation>
    </message>
    <message>
        <location filename="../../ui/admin.py" line="188" />
        <source>为 {0} 设置新密码（原密码只保存在原来的电脑上）</source>
        <translation>New password for {0} (the old one stays on the PC where the account was made)</translation>
    </message>
    <message>
        <location filename="../../ui/_i18n_strings.py" line="218" />
        <source>窗口人员</source>
        <translation>Counter clerk</translation>
    </message>
    <message>
        <location filename="../../ui/_i18n_strings.py" line="219" />
        <source>中心主任</source>
        <translation>Center chief</translation>
    </message>
    <message>
        <location filename="../../ui/_i18n_strings.py" line="220" />
        <source>系统管理员</source>
        <translation>Administrator</translation>
    </message>
</context>
<context>
    <name>WorkListPage</name>
    <message>
        <location filename="../../ui/worklists.py" line="233" />
        <source>在本清单中筛选：姓名、编号或事项（回车）</source>
        <translation>Filter this list: name, number or matter (Enter)</translation>
    </message>
    <message>
        <location filename="../../ui/worklists.py" line="237" />
        <source>刷新</source>
        <translation>Refresh</translation>
    </message>
    <message>
        <location filename="../../ui/worklists.py" line="239" />
        <source>清除筛选</source>
        <translation>Clear filter</translation>
    </message>
    <message>
        <location filename="../../ui/worklists.py" line="241" />
        <source>显示整个清单</source>
        <translation>Show the whole list</translation>
    </message>
    <message>
        <location filename="../../ui/worklists.py" line="346" />
        <source>加载中…</source>
        <translation>Loading…</translation>
    </message>
    <message>
        <location filename="../../ui/worklists.py" line="370" />
        <source>{0} · {1}：{2} {3} 件</source>
        <translation>{0} · {1}: {2}, {3} cases</translation>
    </message>
    <message>
        <location filename="../../ui/worklists.py" line="375" />
        <source>{0}：{1} 件</source>
        <translation>{0}: {1} cases</translation>
    </message>
    <message>
        <location filename="../../ui/worklists.py" line="386" />
        <source>搜索中…</source>
        <translation>Searching…</translation>
    </message>
    <message>
        <location filename="../../ui/worklists.py" line="390" />
        <source>，向下滚动加载更多</source>
        <translation>, scroll down for more</translation>
    </message>
    <message>
        <location filename="../../ui/worklists.py" line="392" />
        <source>按{0}搜索：{1} 件{2}</source>
        <translation>Search by {0}: {1} cases{2}</translation>
    </message>
    <message>
        <location filename="../../ui/worklists.py" line="398" />
        <source>未搜索</source>
        <translation>Not searched</translation>
    </message>
    <message>
        <location filename="../../ui/_i18n_strings.py" line="244" />
        <source>状态</source>
        <translation>Status</translation>
    </message>
    <message>
        <location filename="../../ui/_i18n_strings.py" line="245" />
        <source>承办人</source>
        <translation>Clerk</translation>
    </message>
    <message>
        <location filename="../../ui/_i18n_strings.py" line="246" />
        <source>所在部门</source>
        <translation>Department now</translation>
    </message>
</context>
<context>
    <name>lists</name>
    <message>
        <location filename="../../ui/_i18n_strings.py" line="7" />
        <source>案件编号</source>
        <translation>Case number</translation>
    </message>
    <message>
        <location filename="../../ui/_i18n_strings.py" line="8" />
        <source>申请人</source>
        <translation>Applicant</translation>
    </message>
    <message>
        <location filename="../../ui/_i18n_strings.py" line="9" />
        <source>事项</source>
        <translation>Matter</translation>
    </message>
    <message>
        <location filename="../../ui/_i18n_strings.py" line="10" />
        <source>状态</source>
        <translation>Status</translation>
    </message>
    <message>
        <location filename="../../ui/_i18n_strings.py" line="11" />
        <source>承办人</source>
        <translation>Clerk</translation>
    </message>
    <message>
        <location filename="../../ui/_i18n_strings.py" line="12" />
        <source>受理日期</source>
        <translation>Accepted</translation>
    </message>
    <message>
        <location filename="../../ui/_i18n_strings.py" line="13" />
        <source>办结期限</source>
        <translation>Due date</translation>
    </message>
    <message>
        <location filename="../../ui/_i18n_strings.py" line="14" />
        <source>当前环节</source>
        <translation>Current step</translation>
    </message>
    <message>
        <location filename="../../ui/_i18n_strings.py" line="15" />
        <source>所在部门</source>
        <translation>Department now</translation>
    </message>
    <message>
        <location filename="../../ui/_i18n_strings.py" line="16" />
        <source>补交期限</source>
        <translation>Supplement due</translation>
    </message>
    <message>
        <location filename="../../ui/_i18n_strings.py" line="17" />
        <source>整改期限</source>
        <translation>Rectification due</translation>
    </message>
    <message>
        <location filename="../../ui/_i18n_strings.py" line="18" />
        <source>终止情况</source>
        <translation>Ended by / why</translation>
    </message>
    <message>
        <location filename="../../ui/_i18n_strings.py" line="21" />
        <source>在办案件</source>
        <translation>Open cases</translation>
    </message>
    <message>
        <location filename="../../ui/_i18n_strings.py" line="28" />
        <source>待整改</source>
        <translation>Rectifications</translation>
    </message>
    <message>
        <location filename="../../ui/_i18n_strings.py" line="31" />
        <source>已受理（待送件）</source>
        <translation>Accepted (to hand over)</translation>
    </message>
    <message>
        <location filename="../../ui/_i18n_strings.py" line="32" />
        <source>已送部门</source>
        <translation>Sent to department</translation>
    </message>
    <message>
        <location filename="../../ui/_i18n_strings.py" line="33" />
        <source>部门办理中</source>
        <translation>At department</translation>
    </message>
    <message>
        <location filename="../../ui/_i18n_strings.py" line="34" />
        <source>待补正材料</source>
        <translation>Awaiting supplement</translation>
    </message>
    <message>
        <location filename="../../ui/_i18n_strings.py" line="35" />
        <source>部门已出结果</source>
        <translation>Result issued</translation>
    </message>
    <message>
        <location filename="../../ui/_i18n_strings.py" line="36" />
        <source>结果已返回中心</source>
        <translation>Result back at center</translation>
    </message>
    <message>
        <location filename="../../ui/_i18n_strings.py" line="37" />
        <source>已通知领取</source>
        <translation>Citizen notified</translation>
    </message>
    <message>
        <location filename="../../ui/_i18n_strings.py" line="38" />
        <source>已办结</source>
        <translation>Completed</translation>
    </message>
    <message>
        <location filename="../../ui/_i18n_strings.py" line="39" />
        <source>已中止</source>
        <translation>Suspended</translation>
    </message>
    <message>
        <location filename="../../ui/_i18n_strings.py" line="40" />
        <source>已撤回</source>
        <translation>Withdrawn</translation>
    </message>
    <message>
        <location filename="../../ui/_i18n_strings.py" line="41" />
        <source>不予受理</source>
        <translation>Reject</translation>
    </message>
    <message>
        <location filename="../../ui/_i18n_strings.py" line="29" />
        <source>已终止</source>
        <translation>Terminated</translation>
    </message>
    <message>
        <location filename="../../ui/_i18n_strings.py" line="42" />
        <source>号码（证件号、电话或编号尾号）</source>
        <translation>number (ID, phone or case number tail)</translation>
    </message>
    <message>
        <location filename="../../ui/_i18n_strings.py" line="43" />
        <source>姓名或事项</source>
        <translation>name or matter</translation>
    </message>
    <message>
        <location filename="../../ui/_i18n_strings.py" line="44" />
        <source>拼音</source>
        <translation>pinyin</translation>
    </message>
    <message>
        <location filename="../../ui/_i18n_strings.py" line="45" />
        <source>文字</source>
        <translation>text</translation>
    </message>
    <message>
        <location filename="../../ui/_i18n_strings.py" line="46" />
        <source>名称包含</source>
        <translation>name contains</translation>
    </message>
    <message>
        <location filename="../../ui/_i18n_strings.py" line="47" />
        <source>姓名</source>
        <translation>Name</translation>
    </message>
    <message>
        <location filename="../../ui/_i18n_strings.py" line="48" />
        <source>姓名包含</source>
        <translation>name contains</translation>
    </message>
    <message>
        <location filename="../../ui/_i18n_strings.py" line="49" />
        <source>姓名开头</source>
        <translation>name starts with</translation>
    </message>
    <message>
        <location filename="../../ui/_i18n_strings.py" line="50" />
        <source>拼音全拼</source>
        <translation>full pinyin</translation>
    </message>
    <message>
        <location filename="../../ui/_i18n_strings.py" line="51" />
        <source>拼音开头</source>
        <translation>pinyin starts with</translation>
    </message>
    <message>
        <location filename="../../ui/_i18n_strings.py" line="52" />
        <source>拼音首字母</source>
        <translation>pinyin initials</translation>
    </message>
    <message>
        <location filename="../../ui/_i18n_strings.py" line="53" />
        <source>案件编号尾号</source>
        <translation>case number tail</translation>
    </message>
    <message>
        <location filename="../../ui/_i18n_strings.py" line="54" />
        <source>案件编号开头</source>
        <translation>case number start</translation>
    </message>
    <message>
        <location filename="../../ui/_i18n_strings.py" line="55" />
        <source>电话</source>
        <translation>Phone</translation>
    </message>
    <message>
        <location filename="../../ui/_i18n_strings.py" line="56" />
        <source>电话尾号</source>
        <translation>phone tail</translation>
    </message>
    <message>
        <location filename="../../ui/_i18n_strings.py" line="57" />
        <source>证件号尾号</source>
        <translation>ID number tail</translation>
    </message>
    <message>
        <location filename="../../ui/_i18n_strings.py" line="58" />
        <source>证件号码</source>
        <translation>ID number</translation>
    </message>
    <message>
        <location filename="../../ui/_i18n_strings.py" line="19" />
        <source>我的在办</source>
        <translation>My open cases</translation>
    </message>
    <message>
        <location filename="../../ui/_i18n_strings.py" line="20" />
        <source>今日受理</source>
        <translation>Accepted today</translation>
    </message>
    <message>
        <location filename="../../ui/_i18n_strings.py" line="22" />
        <source>待送件</source>
        <translation>To hand over</translation>
    </message>
    <message>
        <location filename="../../ui/_i18n_strings.py" line="23" />
        <source>在部门</source>
        <translation>At departments</translation>
    </message>
    <message>
        <location filename="../../ui/_i18n_strings.py" line="24" />
        <source>结果已回</source>
        <translation>Results back</translation>
    </message>
    <message>
        <location filename="../../ui/_i18n_strings.py" line="25" />
        <source>红黄灯</source>
        <translation>Red and yellow</translation>
    </message>
    <message>
        <location filename="../../ui/_i18n_strings.py" line="26" />
        <source>待补材料</source>
        <translation>Owed materials</translation>
    </message>
    <message>
        <location filename="../../ui/_i18n_strings.py" line="27" />
        <source>待评价</source>
        <translation>Evaluations to collect</translation>
    </message>
    <message>
        <location filename="../../ui/_i18n_strings.py" line="30" />
        <source>全部案件</source>
        <translation>All cases</translation>
    </message>
</context>
<context>
    <name>ops</name>
    <message>
        <location filename="../../ui/_i18n_strings.py" line="333" />
        <source>输入有误</source>
        <translation>Invalid input</translation>
    </message>
    <message>
        <location filename="../../ui/_i18n_strings.py" line="334" />
        <source>请改正后再试。</source>
        <translation>Correct it and try again.</translation>
    </message>
    <message>
        <location filename="../../ui/_i18n_strings.py" line="335" />
        <source>当前不能这样操作</source>
        <translation>Not allowed now</translation>
    </message>
    <message>
        <location filename="../../ui/_i18n_strings.py" line="336" />
        <source>请按案件当前状态选择可用的操作。</source>
        <translation>Choose one of the actions the case's status allows.</translation>
    </message>
    <message>
        <location filename="../../ui/_i18n_strings.py" line="337" />
        <source>没有找到</source>
        <translation>Not found</translation>
    </message>
    <message>
        <location filename="../../ui/_i18n_strings.py" line="338" />
        <source>请核对编号或名称。</source>
        <translation>Check the number or name.</translation>
    </message>
    <message>
        <location filename="../../ui/_i18n_strings.py" line="339" />
        <source>事项目录有问题</source>
        <translation>The matter catalog is broken</translation>
    </message>
    <message>
        <location filename="../../ui/_i18n_strings.py" line="340" />
        <source>请联系技术人员更换目录文件。</source>
        <translation>Ask IT to replace the catalog file.</translation>
    </message>
    <message>
        <location filename="../../ui/_i18n_strings.py" line="341" />
        <source>数据文件读写失败</source>
        <translation>Cannot read or write the data file</translation>
    </message>
    <message>
        <location filename="../../ui/_i18n_strings.py" line="342" />
        <source>请检查磁盘空间，必要时联系技术人员从备份恢复。</source>
        <translation>Check the free disk space; if needed ask IT to restore from a backup.</translation>
    </message>
    <message>
        <location filename="../../ui/_i18n_strings.py" line="343" />
        <source>数据文件正被使用</source>
        <translation>The data file is in use</translation>
    </message>
    <message>
        <location filename="../../ui/_i18n_strings.py" line="344" />
        <source>本机数据未动。</source>
        <translation>Nothing on this PC was changed.</translation>
    </message>
    <message>
        <location filename="../../ui/_i18n_strings.py" line="345" />
        <source>数据校验未通过</source>
        <translation>Data integrity check failed</translation>
    </message>
    <message>
        <location filename="../../ui/_i18n_strings.py" line="346" />
        <source>请立即联系技术人员，不要继续办理。</source>
        <translation>Call IT at once and stop working on cases.</translation>
    </message>
    <message>
        <location filename="../../ui/_i18n_strings.py" line="347" />
        <source>打不开加密的数据文件</source>
        <translation>The encrypted store cannot be opened</translation>
    </message>
    <message>
        <location filename="../../ui/_i18n_strings.py" line="348" />
        <source>请联系技术人员（运维手册“数据库密钥”一节），不要删除数据文件。</source>
        <translation>Call IT (operators' guide, 'the database key'); do not delete the store.</translation>
    </message>
    <message>
        <location filename="../../ui/_i18n_strings.py" line="349" />
        <source>连不上区级平台</source>
        <translation>Cannot reach the district</translation>
    </message>
    <message>
        <location filename="../../ui/_i18n_strings.py" line="350" />
        <source>数据已保存在本机，联网后会自动上传。</source>
        <translation>The data is saved on this PC and uploads when the network is back.</translation>
    </message>
    <message>
        <location filename="../../ui/_i18n_strings.py" line="351" />
        <source>同步凭据不可用</source>
        <translation>Sync credentials unavailable</translation>
    </message>
    <message>
        <location filename="../../ui/_i18n_strings.py" line="352" />
        <source>请技术人员运行自检（counterdesk-cli --self-test）或重新注册。</source>
        <translation>Ask IT to run the self-test (counterdesk-cli --self-test) or enroll again.</translation>
    </message>
    <message>
        <location filename="../../ui/_i18n_strings.py" line="353" />
        <source>本机尚未注册</source>
        <translation>This PC is not enrolled</translation>
    </message>
    <message>
        <location filename="../../ui/_i18n_strings.py" line="354" />
        <source>请在“系统管理 → 同步”中用注册码注册。</source>
        <translation>Enroll with a code in Administration → Sync.</translation>
    </message>
    <message>
        <location filename="../../ui/_i18n_strings.py" line="355" />
        <source>本机仅离线使用</source>
        <translation>This PC works offline only</translation>
    </message>
    <message>
        <location filename="../../ui/_i18n_strings.py" line="357" />
        <source>区级平台拒绝了请求</source>
        <translation>The district refused the request</translation>
    </message>
    <message>
        <location filename="../../ui/_i18n_strings.py" line="358" />
        <source>请把提示告诉区级平台管理员。</source>
        <translation>Pass the message on to the district administrator.</translation>
    </message>
    <message>
        <location filename="../../ui/_i18n_strings.py" line="359" />
        <source>同步未完成</source>
        <translation>Sync not completed</translation>
    </message>
    <message>
        <location filename="../../ui/_i18n_strings.py" line="360" />
        <source>数据已保存在本机，稍后会再试。</source>
        <translation>The data is saved on this PC; it will try again later.</translation>
    </message>
    <message>
        <location filename="../../ui/_i18n_strings.py" line="361" />
        <source>操作未完成</source>
        <translation>Not completed</translation>
    </message>
    <message>
        <location filename="../../ui/_i18n_strings.py" line="362" />
        <source>请重试，或联系技术人员。</source>
        <translation>Try again, or call IT.</translation>
    </message>
    <message>
        <location filename="../../ui/_i18n_strings.py" line="363" />
        <source>程序内部错误</source>
        <translation>Internal error</translation>
    </message>
    <message>
        <location filename="../../ui/_i18n_strings.py" line="364" />
        <source>操作未完成：{0}

请联系技术人员（已写入日志）。</source>
        <translation>Not completed: {0}

Please call IT (written to the log).</translation>
    </message>
    <message>
        <location filename="../../ui/_i18n_strings.py" line="365" />
        <source>未能与区级平台建立加密连接</source>
        <translation>No encrypted connection to the district</translation>
    </message>
    <message>
        <location filename="../../ui/_i18n_strings.py" line="366" />
        <source>请求没有到达区级平台：请本机的技术人员按上面的提示处理。</source>
        <translation>The request did not reach the district: IT staff at this PC should do what the message says. </translation>
    </message>
    <message>
        <location filename="../../ui/_i18n_strings.py" line="367" />
        <source>本机没有发出请求</source>
        <translation>This PC did not send the request</translation>
    </message>
    <message>
        <location filename="../../ui/_i18n_strings.py" line="368" />
        <source>请技术人员在“系统管理 → 同步”改正区级平台的地址。</source>
        <translation>IT staff should correct the district's address in Administration → Sync. </translation>
    </message>
    <message>
        <location filename="../../ui/_i18n_strings.py" line="356" />
        <source>数据已保存在本机。</source>
        <translation>The data is saved on this PC.</translation>
    </message>
</context>
<context>
    <name>parent</name>
    <message>
        <location filename="../../ui/reveal.py" line="21" />
        <source>显示完整信息</source>
        <translation>Show in full</translation>
    </message>
    <message>
        <location filename="../../ui/reveal.py" line="24" />
        <source>显示完整证件号和电话会留痕（谁、何时、哪位群众）。
事由（可不填，回车继续，Esc 取消）：</source>
        <translation>Showing the full ID number and phone is logged (who, when, which citizen).
Reason (optional; Enter to go on, Esc to cancel):</translation>
    </message>
</context>
<context>
    <name>preview</name>
    <message>
        <location filename="../../ui/_i18n_strings.py" line="137" />
        <source>受理回执（热敏）</source>
        <translation>Receipt (thermal)</translation>
    </message>
    <message>
        <location filename="../../ui/_i18n_strings.py" line="138" />
        <source>受理回执（A4）</source>
        <translation>Receipt (A4)</translation>
    </message>
    <message>
        <location filename="../../ui/_i18n_strings.py" line="139" />
        <source>一次性告知书</source>
        <translation>One-time notice</translation>
    </message>
    <message>
        <location filename="../../ui/_i18n_strings.py" line="140" />
        <source>不予受理通知书</source>
        <translation>Rejection notice</translation>
    </message>
    <message>
        <location filename="../../ui/_i18n_strings.py" line="141" />
        <source>容缺受理承诺书</source>
        <translation>Deficiency commitment letter</translation>
    </message>
    <message>
        <location filename="../../ui/_i18n_strings.py" line="142" />
        <source>申请表</source>
        <translation>Application form</translation>
    </message>
    <message>
        <location filename="../../ui/_i18n_strings.py" line="143" />
        <source>送件交接单</source>
        <translation>Handover list</translation>
    </message>
    <message>
        <location filename="../../ui/_i18n_strings.py" line="144" />
        <source>结果返回清单</source>
        <translation>Returns list</translation>
    </message>
    <message>
        <location filename="../../ui/_i18n_strings.py" line="145" />
        <source>办结通知（领取单）</source>
        <translation>Pickup slip</translation>
    </message>
    <message>
        <location filename="../../ui/_i18n_strings.py" line="146" />
        <source>好差评评价单</source>
        <translation>Evaluation slip</translation>
    </message>
    <message>
        <location filename="../../ui/_i18n_strings.py" line="147" />
        <source>中心日报</source>
        <translation>Daily report</translation>
    </message>
    <message>
        <location filename="../../ui/_i18n_strings.py" line="148" />
        <source>中心月报</source>
        <translation>Monthly report</translation>
    </message>
    <message>
        <location filename="../../ui/preview.py" line="335" />
        <source>{0}已送打印机 {1}</source>
        <translation>{0} sent to printer {1}</translation>
    </message>
    <message>
        <location filename="../../ui/preview.py" line="337" />
        <source>{0}已在打印预览中（Ctrl+P 打印）</source>
        <translation>{0} is in the print preview (Ctrl+P prints)</translation>
    </message>
</context>
</TS>