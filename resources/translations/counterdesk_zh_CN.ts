<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1" language="zh_CN">
<context>
    <name />
    <message>
        <location filename="../../ui/dialogs.py" line="340" />
        <source>部门签收人</source>
        <translation>部门签收人</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs.py" line="341" />
        <source>通知方式（电话/短信/当面）</source>
        <translation>通知方式（电话/短信/当面）</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs.py" line="342" />
        <source>中止原因（听证、检测、专家评审）</source>
        <translation>中止原因（听证、检测、专家评审）</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs.py" line="343" />
        <source>撤回原因</source>
        <translation>撤回原因</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs.py" line="344" />
        <source>终止原因</source>
        <translation>终止原因</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs.py" line="345" />
        <source>备注内容</source>
        <translation>备注内容</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs.py" line="308" />
        <source>没有可以接手的人：除当前承办人外，本中心没有在用的窗口人员或中心负责人账户。请系统管理员添加或启用账户后再转交。</source>
        <translation>没有可以接手的人：除当前承办人外，本中心没有在用的窗口人员或中心负责人账户。请系统管理员添加或启用账户后再转交。</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs.py" line="309" />
        <source>转交</source>
        <translation>转交</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs.py" line="346" />
        <source>送件人（默认本人）</source>
        <translation>送件人（默认本人）</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs.py" line="347" />
        <source>取件人（默认本人）</source>
        <translation>取件人（默认本人）</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs.py" line="350" />
        <source>请填写部门签收人的姓名（谁在部门签收了材料）</source>
        <translation>请填写部门签收人的姓名（谁在部门签收了材料）</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs.py" line="353" />
        <source>电话</source>
        <translation>电话</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs.py" line="369" />
        <source>办结</source>
        <translation>办结</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs.py" line="369" />
        <source>领取人</source>
        <translation>领取人</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs.py" line="372" />
        <location filename="../../ui/dialogs.py" line="375" />
        <source>整改回访</source>
        <translation>整改回访</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs.py" line="372" />
        <source>回访情况</source>
        <translation>回访情况</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs.py" line="375" />
        <source>申请人对整改满意吗？</source>
        <translation>申请人对整改满意吗？</translation>
    </message>
</context>
<context>
    <name>AccessDialog</name>
    <message>
        <location filename="../../ui/_i18n_strings.py" line="173" />
        <source>打开案件</source>
        <translation>打开案件</translation>
    </message>
    <message>
        <location filename="../../ui/_i18n_strings.py" line="174" />
        <source>显示完整证件号</source>
        <translation>显示完整证件号</translation>
    </message>
    <message>
        <location filename="../../ui/_i18n_strings.py" line="175" />
        <source>显示完整电话</source>
        <translation>显示完整电话</translation>
    </message>
    <message>
        <location filename="../../ui/_i18n_strings.py" line="176" />
        <source>按证件号/号码查询</source>
        <translation>按证件号/号码查询</translation>
    </message>
    <message>
        <location filename="../../ui/_i18n_strings.py" line="177" />
        <source>按姓名查询</source>
        <translation>按姓名查询</translation>
    </message>
    <message>
        <location filename="../../ui/_i18n_strings.py" line="178" />
        <source>按证件号调取老用户信息</source>
        <translation>按证件号调取老用户信息</translation>
    </message>
    <message>
        <location filename="../../ui/_i18n_strings.py" line="179" />
        <source>打印含个人信息的清单</source>
        <translation>打印含个人信息的清单</translation>
    </message>
    <message>
        <location filename="../../ui/_i18n_strings.py" line="180" />
        <source>导出含个人信息的清单</source>
        <translation>导出含个人信息的清单</translation>
    </message>
    <message>
        <location filename="../../ui/_i18n_strings.py" line="181" />
        <source>按号码</source>
        <translation>按号码</translation>
    </message>
    <message>
        <location filename="../../ui/_i18n_strings.py" line="182" />
        <source>按姓名</source>
        <translation>按姓名</translation>
    </message>
    <message>
        <location filename="../../ui/_i18n_strings.py" line="183" />
        <source>按拼音</source>
        <translation>按拼音</translation>
    </message>
    <message>
        <location filename="../../ui/_i18n_strings.py" line="184" />
        <source>按文字</source>
        <translation>按文字</translation>
    </message>
    <message>
        <location filename="../../ui/_i18n_strings.py" line="185" />
        <source>按案件编号</source>
        <translation>按案件编号</translation>
    </message>
    <message>
        <location filename="../../ui/_i18n_strings.py" line="186" />
        <source>老用户</source>
        <translation>老用户</translation>
    </message>
    <message>
        <location filename="../../ui/_i18n_strings.py" line="187" />
        <source>新申请人</source>
        <translation>新申请人</translation>
    </message>
    <message>
        <location filename="../../ui/_i18n_strings.py" line="188" />
        <source>送件交接单</source>
        <translation>送件交接单</translation>
    </message>
    <message>
        <location filename="../../ui/_i18n_strings.py" line="189" />
        <source>结果返回清单</source>
        <translation>结果返回清单</translation>
    </message>
    <message>
        <location filename="../../ui/_i18n_strings.py" line="190" />
        <source>中心日报</source>
        <translation>中心日报</translation>
    </message>
    <message>
        <location filename="../../ui/_i18n_strings.py" line="191" />
        <source>中心月报</source>
        <translation>中心月报</translation>
    </message>
    <message>
        <location filename="../../ui/_i18n_strings.py" line="192" />
        <source>统计报表</source>
        <translation>统计报表</translation>
    </message>
    <message>
        <location filename="../../ui/_i18n_strings.py" line="193" />
        <source>案件清单</source>
        <translation>案件清单</translation>
    </message>
    <message>
        <location filename="../../ui/_i18n_strings.py" line="194" />
        <source>（不止一页）</source>
        <translation>（不止一页）</translation>
    </message>
    <message>
        <location filename="../../ui/_i18n_strings.py" line="195" />
        <source>：</source>
        <translation>：</translation>
    </message>
    <message>
        <location filename="../../ui/accesslist.py" line="57" />
        <source>查询留痕（本机）</source>
        <translation>查询留痕（本机）</translation>
    </message>
    <message>
        <location filename="../../ui/accesslist.py" line="61" />
        <source>窗口登录名</source>
        <translation>窗口登录名</translation>
    </message>
    <message>
        <location filename="../../ui/accesslist.py" line="64" />
        <source>证件号后四位</source>
        <translation>证件号后四位</translation>
    </message>
    <message>
        <location filename="../../ui/accesslist.py" line="69" />
        <source>近 {0} 天</source>
        <translation>近 {0} 天</translation>
    </message>
    <message>
        <location filename="../../ui/accesslist.py" line="70" />
        <source>查询</source>
        <translation>查询</translation>
    </message>
    <message>
        <location filename="../../ui/accesslist.py" line="92" />
        <source>本机每次打开案件、显示完整号码、按证件号或姓名查询、打印或导出清单都会留痕，保存至少六个月并上报区级平台；证件号只记前 6 位和后 4 位。</source>
        <translation>本机每次打开案件、显示完整号码、按证件号或姓名查询、打印或导出清单都会留痕，保存至少六个月并上报区级平台；证件号只记前 6 位和后 4 位。</translation>
    </message>
    <message>
        <location filename="../../ui/accesslist.py" line="107" />
        <source>加载中…</source>
        <translation>加载中…</translation>
    </message>
    <message>
        <location filename="../../ui/accesslist.py" line="122" />
        <source>共 {0} 条</source>
        <translation>共 {0} 条</translation>
    </message>
</context>
<context>
    <name>AdminPage</name>
    <message>
        <location filename="../../ui/admin.py" line="548" />
        <source>用户与角色</source>
        <translation>用户与角色</translation>
    </message>
    <message>
        <location filename="../../ui/admin.py" line="549" />
        <source>同步</source>
        <translation>同步</translation>
    </message>
    <message>
        <location filename="../../ui/admin.py" line="551" />
        <source>事项目录</source>
        <translation>事项目录</translation>
    </message>
    <message>
        <location filename="../../ui/admin.py" line="554" />
        <source>打印机与设备</source>
        <translation>打印机与设备</translation>
    </message>
    <message>
        <location filename="../../ui/admin.py" line="557" />
        <source>备份与恢复</source>
        <translation>备份与恢复</translation>
    </message>
    <message>
        <location filename="../../ui/admin.py" line="558" />
        <source>设置</source>
        <translation>设置</translation>
    </message>
</context>
<context>
    <name>ApplicantBox</name>
    <message>
        <location filename="../../ui/_i18n_strings.py" line="114" />
        <source>居民身份证</source>
        <translation>居民身份证</translation>
    </message>
    <message>
        <location filename="../../ui/_i18n_strings.py" line="115" />
        <source>港澳台居民居住证</source>
        <translation>港澳台居民居住证</translation>
    </message>
    <message>
        <location filename="../../ui/_i18n_strings.py" line="117" />
        <source>护照</source>
        <translation>护照</translation>
    </message>
    <message>
        <location filename="../../ui/_i18n_strings.py" line="118" />
        <source>港澳居民来往内地通行证</source>
        <translation>港澳居民来往内地通行证</translation>
    </message>
    <message>
        <location filename="../../ui/_i18n_strings.py" line="119" />
        <source>台湾居民来往大陆通行证</source>
        <translation>台湾居民来往大陆通行证</translation>
    </message>
    <message>
        <location filename="../../ui/_i18n_strings.py" line="116" />
        <source>外国人永久居留身份证</source>
        <translation>外国人永久居留身份证</translation>
    </message>
    <message>
        <location filename="../../ui/_i18n_strings.py" line="120" />
        <source>统一社会信用代码</source>
        <translation>统一社会信用代码</translation>
    </message>
    <message>
        <location filename="../../ui/applicant.py" line="66" />
        <source>申请人</source>
        <translation>申请人</translation>
    </message>
    <message>
        <location filename="../../ui/applicant.py" line="81" />
        <source>证件号；老用户输尾号 4 位、姓名或拼音，回车选中</source>
        <translation>证件号；老用户输尾号 4 位、姓名或拼音，回车选中</translation>
    </message>
    <message>
        <location filename="../../ui/applicant.py" line="111" />
        <source>证件类型</source>
        <translation>证件类型</translation>
    </message>
    <message>
        <location filename="../../ui/applicant.py" line="112" />
        <source>证件号码</source>
        <translation>证件号码</translation>
    </message>
    <message>
        <location filename="../../ui/applicant.py" line="115" />
        <source>姓名/单位</source>
        <translation>姓名/单位</translation>
    </message>
    <message>
        <location filename="../../ui/applicant.py" line="116" />
        <source>电话</source>
        <translation>电话</translation>
    </message>
    <message>
        <location filename="../../ui/applicant.py" line="117" />
        <source>地址</source>
        <translation>地址</translation>
    </message>
    <message>
        <location filename="../../ui/applicant.py" line="215" />
        <source>未能查询老用户，请输入完整证件号</source>
        <translation>未能查询老用户，请输入完整证件号</translation>
    </message>
    <message>
        <location filename="../../ui/applicant.py" line="231" />
        <source>没有找到老用户；请输入完整证件号</source>
        <translation>没有找到老用户；请输入完整证件号</translation>
    </message>
    <message>
        <location filename="../../ui/applicant.py" line="235" />
        <source>找到 {0} 位老用户：↑↓ 选择，回车带出</source>
        <translation>找到 {0} 位老用户：↑↓ 选择，回车带出</translation>
    </message>
    <message>
        <location filename="../../ui/applicant.py" line="260" />
        <source>证件号有效</source>
        <translation>证件号有效</translation>
    </message>
    <message>
        <location filename="../../ui/applicant.py" line="268" />
        <source>证件号有效（未能查询以往办件记录）</source>
        <translation>证件号有效（未能查询以往办件记录）</translation>
    </message>
    <message>
        <location filename="../../ui/applicant.py" line="275" />
        <source>证件号有效 · 新申请人，已按证件填写：请输入电话</source>
        <translation>证件号有效 · 新申请人，已按证件填写：请输入电话</translation>
    </message>
    <message>
        <location filename="../../ui/applicant.py" line="278" />
        <source>证件号有效 · 新申请人，请填写姓名和电话</source>
        <translation>证件号有效 · 新申请人，请填写姓名和电话</translation>
    </message>
    <message>
        <location filename="../../ui/applicant.py" line="283" />
        <source>证件号有效 · 老用户，已带出上次信息</source>
        <translation>证件号有效 · 老用户，已带出上次信息</translation>
    </message>
    <message>
        <location filename="../../ui/applicant.py" line="301" />
        <source>老用户 {0}，已带出上次信息</source>
        <translation>老用户 {0}，已带出上次信息</translation>
    </message>
</context>
<context>
    <name>BackupTab</name>
    <message>
        <location filename="../../ui/admin.py" line="359" />
        <source>选择文件夹</source>
        <translation>选择文件夹</translation>
    </message>
    <message>
        <location filename="../../ui/admin.py" line="361" />
        <source>立即备份</source>
        <translation>立即备份</translation>
    </message>
    <message>
        <location filename="../../ui/admin.py" line="364" />
        <source>从备份恢复…</source>
        <translation>从备份恢复…</translation>
    </message>
    <message>
        <location filename="../../ui/admin.py" line="373" />
        <source>备份到（如U盘）</source>
        <translation>备份到（如U盘）</translation>
    </message>
    <message>
        <location filename="../../ui/admin.py" line="374" />
        <source>保留份数</source>
        <translation>保留份数</translation>
    </message>
    <message>
        <location filename="../../ui/admin.py" line="380" />
        <source>备份文件夹</source>
        <translation>备份文件夹</translation>
    </message>
    <message>
        <location filename="../../ui/admin.py" line="389" />
        <source>请先选择备份文件夹</source>
        <translation>请先选择备份文件夹</translation>
    </message>
    <message>
        <location filename="../../ui/admin.py" line="395" />
        <source>正在备份…</source>
        <translation>正在备份…</translation>
    </message>
    <message>
        <location filename="../../ui/admin.py" line="400" />
        <source>已备份到 {0}（{1:.1f} MB，已校验）</source>
        <translation>已备份到 {0}（{1:.1f} MB，已校验）</translation>
    </message>
    <message>
        <location filename="../../ui/admin.py" line="407" />
        <source>选择备份文件</source>
        <translation>选择备份文件</translation>
    </message>
    <message>
        <location filename="../../ui/admin.py" line="422" />
        <source>其中最后一笔业务办理于 {0}</source>
        <translation>其中最后一笔业务办理于 {0}</translation>
    </message>
    <message>
        <location filename="../../ui/admin.py" line="424" />
        <source>其中还没有办理过业务</source>
        <translation>其中还没有办理过业务</translation>
    </message>
    <message>
        <location filename="../../ui/admin.py" line="427" />
        <source>恢复 {0} 的备份（{1}）。

本机现在的数据将被替换（原数据另存，不删除）。此后在本机办理的业务：已同步到区级平台的，恢复后重新注册并同步时会送回本机；没有同步的（离线中心：没有送到区级导入的U盘数据包）将丢失。

完成后需重新登录。继续吗？</source>
        <translation>恢复 {0} 的备份（{1}）。

本机现在的数据将被替换（原数据另存，不删除）。此后在本机办理的业务：已同步到区级平台的，恢复后重新注册并同步时会送回本机；没有同步的（离线中心：没有送到区级导入的U盘数据包）将丢失。

完成后需重新登录。继续吗？</translation>
    </message>
    <message>
        <location filename="../../ui/admin.py" line="433" />
        <source>从备份恢复</source>
        <translation>从备份恢复</translation>
    </message>
    <message>
        <location filename="../../ui/admin.py" line="469" />
        <source>已恢复。原数据保留在 {0}。请重新登录，联网后先同步。</source>
        <translation>已恢复。原数据保留在 {0}。请重新登录，联网后先同步。</translation>
    </message>
</context>
<context>
    <name>BatchPage</name>
    <message>
        <location filename="../../ui/handover.py" line="50" />
        <source>选</source>
        <translation>选</translation>
    </message>
    <message>
        <location filename="../../ui/handover.py" line="51" />
        <source>案件编号</source>
        <translation>案件编号</translation>
    </message>
    <message>
        <location filename="../../ui/handover.py" line="52" />
        <source>申请人</source>
        <translation>申请人</translation>
    </message>
    <message>
        <location filename="../../ui/handover.py" line="53" />
        <source>事项</source>
        <translation>事项</translation>
    </message>
    <message>
        <location filename="../../ui/handover.py" line="54" />
        <source>期限</source>
        <translation>期限</translation>
    </message>
    <message>
        <location filename="../../ui/handover.py" line="66" />
        <source>打印清单并标记 Ctrl+Enter</source>
        <translation>打印清单并标记 Ctrl+Enter</translation>
    </message>
    <message>
        <location filename="../../ui/handover.py" line="70" />
        <source>全选 Alt+A</source>
        <translation>全选 Alt+A</translation>
    </message>
    <message>
        <location filename="../../ui/handover.py" line="76" />
        <source>办理(&amp;M)</source>
        <translation>办理(&amp;M)</translation>
    </message>
    <message>
        <location filename="../../ui/handover.py" line="78" />
        <source>部门(&amp;D)</source>
        <translation>部门(&amp;D)</translation>
    </message>
    <message>
        <location filename="../../ui/handover.py" line="150" />
        <source>共 {0} 件待办（空格勾选，Ctrl+Enter 办理）</source>
        <translation>共 {0} 件待办（空格勾选，Ctrl+Enter 办理）</translation>
    </message>
    <message>
        <location filename="../../ui/handover.py" line="125" />
        <source>（全部）</source>
        <translation>（全部）</translation>
    </message>
    <message>
        <location filename="../../ui/handover.py" line="174" />
        <source>请先勾选案件</source>
        <translation>请先勾选案件</translation>
    </message>
    <message>
        <location filename="../../ui/handover.py" line="191" />
        <source>已办理 {0} 件</source>
        <translation>已办理 {0} 件</translation>
    </message>
    <message>
        <location filename="../../ui/_i18n_strings.py" line="212" />
        <source>送件（交部门）</source>
        <translation>送件（交部门）</translation>
    </message>
    <message>
        <location filename="../../ui/_i18n_strings.py" line="213" />
        <source>结果返回（从部门取回）</source>
        <translation>结果返回（从部门取回）</translation>
    </message>
    <message>
        <location filename="../../ui/_i18n_strings.py" line="214" />
        <source>领取办结</source>
        <translation>领取办结</translation>
    </message>
</context>
<context>
    <name>CardPanel</name>
    <message>
        <location filename="../../ui/_i18n_strings.py" line="263" />
        <source>居民身份证</source>
        <translation>居民身份证</translation>
    </message>
    <message>
        <location filename="../../ui/_i18n_strings.py" line="264" />
        <source>港澳台居民居住证</source>
        <translation>港澳台居民居住证</translation>
    </message>
    <message>
        <location filename="../../ui/_i18n_strings.py" line="265" />
        <source>外国人永久居留身份证</source>
        <translation>外国人永久居留身份证</translation>
    </message>
    <message>
        <location filename="../../ui/_i18n_strings.py" line="266" />
        <source>香港居民居住证</source>
        <translation>香港居民居住证</translation>
    </message>
    <message>
        <location filename="../../ui/_i18n_strings.py" line="267" />
        <source>澳门居民居住证</source>
        <translation>澳门居民居住证</translation>
    </message>
    <message>
        <location filename="../../ui/_i18n_strings.py" line="268" />
        <source>台湾居民居住证</source>
        <translation>台湾居民居住证</translation>
    </message>
    <message>
        <location filename="../../ui/_i18n_strings.py" line="269" />
        <source>未知</source>
        <translation>未知</translation>
    </message>
    <message>
        <location filename="../../ui/_i18n_strings.py" line="270" />
        <source>男</source>
        <translation>男</translation>
    </message>
    <message>
        <location filename="../../ui/_i18n_strings.py" line="271" />
        <source>女</source>
        <translation>女</translation>
    </message>
    <message>
        <location filename="../../ui/_i18n_strings.py" line="272" />
        <source>未说明</source>
        <translation>未说明</translation>
    </message>
    <message>
        <location filename="../../ui/cardpanel.py" line="28" />
        <source>证件信息</source>
        <translation>证件信息</translation>
    </message>
    <message>
        <location filename="../../ui/cardpanel.py" line="64" />
        <source>无照片</source>
        <translation>无照片</translation>
    </message>
    <message>
        <location filename="../../ui/cardpanel.py" line="65" />
        <source>长期</source>
        <translation>长期</translation>
    </message>
    <message>
        <location filename="../../ui/cardpanel.py" line="70" />
        <source>{0} · {1} · {2}{3} · 出生 {4}</source>
        <translation>{0} · {1} · {2}{3} · 出生 {4}</translation>
    </message>
    <message>
        <location filename="../../ui/cardpanel.py" line="72" />
        <source>民族 </source>
        <translation>民族 </translation>
    </message>
    <message>
        <location filename="../../ui/cardpanel.py" line="75" />
        <source>签发机关 {0} · 有效期 {1}–{2}</source>
        <translation>签发机关 {0} · 有效期 {1}–{2}</translation>
    </message>
    <message>
        <location filename="../../ui/cardpanel.py" line="80" />
        <source>英文姓名 {0}</source>
        <translation>英文姓名 {0}</translation>
    </message>
    <message>
        <location filename="../../ui/cardpanel.py" line="82" />
        <source>通行证号码 {0}</source>
        <translation>通行证号码 {0}</translation>
    </message>
    <message>
        <location filename="../../ui/cardpanel.py" line="95" />
        <source>证件已过期（有效期至 {0}），请核实后办理</source>
        <translation>证件已过期（有效期至 {0}），请核实后办理</translation>
    </message>
    <message>
        <location filename="../../ui/cardpanel.py" line="101" />
        <source>姓名或住址含证件系统自造字（{0}），请与证件核对</source>
        <translation>姓名或住址含证件系统自造字（{0}），请与证件核对</translation>
    </message>
    <message>
        <location filename="../../ui/cardpanel.py" line="103" />
        <source>读卡器驱动未能传回部分汉字（显示为 ?），请与证件核对并手工补正</source>
        <translation>读卡器驱动未能传回部分汉字（显示为 ?），请与证件核对并手工补正</translation>
    </message>
</context>
<context>
    <name>CasePage</name>
    <message>
        <location filename="../../ui/casepage.py" line="195" />
        <source>输入案件编号或其尾号（4 位起），回车打开</source>
        <translation>输入案件编号或其尾号（4 位起），回车打开</translation>
    </message>
    <message>
        <location filename="../../ui/casepage.py" line="198" />
        <source>打开案件 F4</source>
        <translation>打开案件 F4</translation>
    </message>
    <message>
        <location filename="../../ui/casepage.py" line="200" />
        <source>案件</source>
        <translation>案件</translation>
    </message>
    <message>
        <location filename="../../ui/casepage.py" line="203" />
        <source>案件编号</source>
        <translation>案件编号</translation>
    </message>
    <message>
        <location filename="../../ui/casepage.py" line="203" />
        <source>申请人</source>
        <translation>申请人</translation>
    </message>
    <message>
        <location filename="../../ui/casepage.py" line="204" />
        <location filename="../../ui/casepage.py" line="253" />
        <source>事项</source>
        <translation>事项</translation>
    </message>
    <message>
        <location filename="../../ui/casepage.py" line="204" />
        <source>状态</source>
        <translation>状态</translation>
    </message>
    <message>
        <location filename="../../ui/casepage.py" line="205" />
        <source>办结期限</source>
        <translation>办结期限</translation>
    </message>
    <message>
        <location filename="../../ui/casepage.py" line="205" />
        <source>当前环节</source>
        <translation>当前环节</translation>
    </message>
    <message>
        <location filename="../../ui/casepage.py" line="206" />
        <source>待补材料</source>
        <translation>待补材料</translation>
    </message>
    <message>
        <location filename="../../ui/casepage.py" line="206" />
        <source>承办人</source>
        <translation>承办人</translation>
    </message>
    <message>
        <location filename="../../ui/casepage.py" line="207" />
        <source>评价</source>
        <translation>评价</translation>
    </message>
    <message>
        <location filename="../../ui/casepage.py" line="207" />
        <source>上传</source>
        <translation>上传</translation>
    </message>
    <message>
        <location filename="../../ui/casepage.py" line="215" />
        <source>下一步可办</source>
        <translation>下一步可办</translation>
    </message>
    <message>
        <location filename="../../ui/casepage.py" line="240" />
        <source>补打 {0} ▾</source>
        <translation>补打 {0} ▾</translation>
    </message>
    <message>
        <location filename="../../ui/casepage.py" line="348" />
        <source>（完整显示，已留痕）</source>
        <translation>（完整显示，已留痕）</translation>
    </message>
    <message>
        <location filename="../../ui/casepage.py" line="349" />
        <source>（{0} 显示完整）</source>
        <translation>（{0} 显示完整）</translation>
    </message>
    <message>
        <location filename="../../ui/casepage.py" line="368" />
        <source>{0} 条被区级平台拒收（见 系统管理 → 同步）</source>
        <translation>{0} 条被区级平台拒收（见 系统管理 → 同步）</translation>
    </message>
    <message>
        <location filename="../../ui/casepage.py" line="370" />
        <source>待上传 {0} 条（联网后自动上传）</source>
        <translation>待上传 {0} 条（联网后自动上传）</translation>
    </message>
    <message>
        <location filename="../../ui/casepage.py" line="371" />
        <source>已全部上传区级平台</source>
        <translation>已全部上传区级平台</translation>
    </message>
    <message>
        <location filename="../../ui/casepage.py" line="384" />
        <source>快捷键 {0}</source>
        <translation>快捷键 {0}</translation>
    </message>
    <message>
        <location filename="../../ui/casepage.py" line="253" />
        <source>时间</source>
        <translation>时间</translation>
    </message>
    <message>
        <location filename="../../ui/casepage.py" line="253" />
        <source>经办人</source>
        <translation>经办人</translation>
    </message>
    <message>
        <location filename="../../ui/casepage.py" line="253" />
        <source>设备</source>
        <translation>设备</translation>
    </message>
    <message>
        <location filename="../../ui/casepage.py" line="253" />
        <source>说明</source>
        <translation>说明</translation>
    </message>
    <message>
        <location filename="../../ui/casepage.py" line="231" />
        <source>办理过程（谁、何时、在哪）</source>
        <translation>办理过程（谁、何时、在哪）</translation>
    </message>
    <message>
        <location filename="../../ui/casepage.py" line="295" />
        <source>没有找到案件：{0}</source>
        <translation>没有找到案件：{0}</translation>
    </message>
    <message>
        <location filename="../../ui/casepage.py" line="318" />
        <source>（已超期）</source>
        <translation>（已超期）</translation>
    </message>
    <message>
        <location filename="../../ui/casepage.py" line="318" />
        <source>（临近期限）</source>
        <translation>（临近期限）</translation>
    </message>
    <message>
        <location filename="../../ui/casepage.py" line="321" />
        <location filename="../../ui/casepage.py" line="332" />
        <source>（暂定）</source>
        <translation>（暂定）</translation>
    </message>
    <message>
        <location filename="../../ui/casepage.py" line="337" />
        <source>未评价</source>
        <translation>未评价</translation>
    </message>
    <message>
        <location filename="../../ui/casepage.py" line="438" />
        <source>已办理：{0}</source>
        <translation>已办理：{0}</translation>
    </message>
    <message>
        <location filename="../../ui/_i18n_strings.py" line="59" />
        <source>已受理（待送件）</source>
        <translation>已受理（待送件）</translation>
    </message>
    <message>
        <location filename="../../ui/_i18n_strings.py" line="60" />
        <source>已送部门</source>
        <translation>已送部门</translation>
    </message>
    <message>
        <location filename="../../ui/_i18n_strings.py" line="61" />
        <source>部门办理中</source>
        <translation>部门办理中</translation>
    </message>
    <message>
        <location filename="../../ui/_i18n_strings.py" line="62" />
        <source>待补正材料</source>
        <translation>待补正材料</translation>
    </message>
    <message>
        <location filename="../../ui/_i18n_strings.py" line="63" />
        <source>部门已出结果</source>
        <translation>部门已出结果</translation>
    </message>
    <message>
        <location filename="../../ui/_i18n_strings.py" line="64" />
        <source>结果已返回中心</source>
        <translation>结果已返回中心</translation>
    </message>
    <message>
        <location filename="../../ui/_i18n_strings.py" line="65" />
        <source>已通知领取</source>
        <translation>已通知领取</translation>
    </message>
    <message>
        <location filename="../../ui/_i18n_strings.py" line="66" />
        <source>已办结</source>
        <translation>已办结</translation>
    </message>
    <message>
        <location filename="../../ui/_i18n_strings.py" line="67" />
        <source>已中止</source>
        <translation>已中止</translation>
    </message>
    <message>
        <location filename="../../ui/_i18n_strings.py" line="68" />
        <source>已撤回</source>
        <translation>已撤回</translation>
    </message>
    <message>
        <location filename="../../ui/_i18n_strings.py" line="69" />
        <source>不予受理</source>
        <translation>不予受理</translation>
    </message>
    <message>
        <location filename="../../ui/_i18n_strings.py" line="70" />
        <source>已终止</source>
        <translation>已终止</translation>
    </message>
    <message>
        <location filename="../../ui/_i18n_strings.py" line="71" />
        <source>受理</source>
        <translation>受理</translation>
    </message>
    <message>
        <location filename="../../ui/_i18n_strings.py" line="72" />
        <source>一次性告知</source>
        <translation>一次性告知</translation>
    </message>
    <message>
        <location filename="../../ui/_i18n_strings.py" line="73" />
        <source>补齐材料</source>
        <translation>补齐材料</translation>
    </message>
    <message>
        <location filename="../../ui/_i18n_strings.py" line="74" />
        <source>送件至部门</source>
        <translation>送件至部门</translation>
    </message>
    <message>
        <location filename="../../ui/_i18n_strings.py" line="75" />
        <source>部门签收</source>
        <translation>部门签收</translation>
    </message>
    <message>
        <location filename="../../ui/_i18n_strings.py" line="76" />
        <source>部门出具结果</source>
        <translation>部门出具结果</translation>
    </message>
    <message>
        <location filename="../../ui/_i18n_strings.py" line="77" />
        <source>结果返回中心</source>
        <translation>结果返回中心</translation>
    </message>
    <message>
        <location filename="../../ui/_i18n_strings.py" line="78" />
        <source>通知申请人</source>
        <translation>通知申请人</translation>
    </message>
    <message>
        <location filename="../../ui/_i18n_strings.py" line="79" />
        <source>办结（领取/送达）</source>
        <translation>办结（领取/送达）</translation>
    </message>
    <message>
        <location filename="../../ui/_i18n_strings.py" line="80" />
        <source>中止</source>
        <translation>中止</translation>
    </message>
    <message>
        <location filename="../../ui/_i18n_strings.py" line="81" />
        <source>恢复</source>
        <translation>恢复</translation>
    </message>
    <message>
        <location filename="../../ui/_i18n_strings.py" line="82" />
        <source>转交</source>
        <translation>转交</translation>
    </message>
    <message>
        <location filename="../../ui/_i18n_strings.py" line="83" />
        <source>申请人撤回</source>
        <translation>申请人撤回</translation>
    </message>
    <message>
        <location filename="../../ui/_i18n_strings.py" line="84" />
        <source>终止</source>
        <translation>终止</translation>
    </message>
    <message>
        <location filename="../../ui/_i18n_strings.py" line="85" />
        <location filename="../../ui/casepage.py" line="448" />
        <source>备注</source>
        <translation>备注</translation>
    </message>
    <message>
        <location filename="../../ui/_i18n_strings.py" line="86" />
        <source>好差评</source>
        <translation>好差评</translation>
    </message>
    <message>
        <location filename="../../ui/_i18n_strings.py" line="87" />
        <source>整改回访</source>
        <translation>整改回访</translation>
    </message>
    <message>
        <location filename="../../ui/_i18n_strings.py" line="88" />
        <source>补打</source>
        <translation>补打</translation>
    </message>
    <message>
        <location filename="../../ui/_i18n_strings.py" line="89" />
        <source>非常满意</source>
        <translation>非常满意</translation>
    </message>
    <message>
        <location filename="../../ui/_i18n_strings.py" line="90" />
        <source>满意</source>
        <translation>满意</translation>
    </message>
    <message>
        <location filename="../../ui/_i18n_strings.py" line="91" />
        <source>基本满意</source>
        <translation>基本满意</translation>
    </message>
    <message>
        <location filename="../../ui/_i18n_strings.py" line="92" />
        <source>不满意</source>
        <translation>不满意</translation>
    </message>
    <message>
        <location filename="../../ui/_i18n_strings.py" line="93" />
        <source>非常不满意</source>
        <translation>非常不满意</translation>
    </message>
    <message>
        <location filename="../../ui/_i18n_strings.py" line="94" />
        <source>居民身份证</source>
        <translation>居民身份证</translation>
    </message>
    <message>
        <location filename="../../ui/_i18n_strings.py" line="95" />
        <source>港澳台居民居住证</source>
        <translation>港澳台居民居住证</translation>
    </message>
    <message>
        <location filename="../../ui/_i18n_strings.py" line="97" />
        <source>护照</source>
        <translation>护照</translation>
    </message>
    <message>
        <location filename="../../ui/_i18n_strings.py" line="98" />
        <source>港澳居民来往内地通行证</source>
        <translation>港澳居民来往内地通行证</translation>
    </message>
    <message>
        <location filename="../../ui/_i18n_strings.py" line="99" />
        <source>台湾居民来往大陆通行证</source>
        <translation>台湾居民来往大陆通行证</translation>
    </message>
    <message>
        <location filename="../../ui/_i18n_strings.py" line="401" />
        <source>申请人满意</source>
        <translation>申请人满意</translation>
    </message>
    <message>
        <location filename="../../ui/_i18n_strings.py" line="402" />
        <source>申请人仍不满意</source>
        <translation>申请人仍不满意</translation>
    </message>
    <message>
        <location filename="../../ui/_i18n_strings.py" line="96" />
        <source>外国人永久居留身份证</source>
        <translation>外国人永久居留身份证</translation>
    </message>
    <message>
        <location filename="../../ui/_i18n_strings.py" line="100" />
        <source>统一社会信用代码</source>
        <translation>统一社会信用代码</translation>
    </message>
    <message>
        <location filename="../../ui/_i18n_strings.py" line="101" />
        <source>准予</source>
        <translation>准予</translation>
    </message>
    <message>
        <location filename="../../ui/_i18n_strings.py" line="102" />
        <source>不予</source>
        <translation>不予</translation>
    </message>
    <message>
        <location filename="../../ui/_i18n_strings.py" line="103" />
        <source>需补正</source>
        <translation>需补正</translation>
    </message>
    <message>
        <location filename="../../ui/_i18n_strings.py" line="104" />
        <source>领取</source>
        <translation>领取</translation>
    </message>
    <message>
        <location filename="../../ui/_i18n_strings.py" line="105" />
        <source>送达</source>
        <translation>送达</translation>
    </message>
    <message>
        <location filename="../../ui/_i18n_strings.py" line="106" />
        <source>邮寄</source>
        <translation>邮寄</translation>
    </message>
    <message>
        <location filename="../../ui/_i18n_strings.py" line="107" />
        <source>受理回执（热敏）</source>
        <translation>受理回执（热敏）</translation>
    </message>
    <message>
        <location filename="../../ui/_i18n_strings.py" line="108" />
        <source>受理回执（A4）</source>
        <translation>受理回执（A4）</translation>
    </message>
    <message>
        <location filename="../../ui/_i18n_strings.py" line="109" />
        <source>申请表</source>
        <translation>申请表</translation>
    </message>
    <message>
        <location filename="../../ui/_i18n_strings.py" line="110" />
        <source>容缺受理承诺书</source>
        <translation>容缺受理承诺书</translation>
    </message>
    <message>
        <location filename="../../ui/_i18n_strings.py" line="111" />
        <source>不予受理通知书</source>
        <translation>不予受理通知书</translation>
    </message>
    <message>
        <location filename="../../ui/_i18n_strings.py" line="112" />
        <source>办结通知（领取单）</source>
        <translation>办结通知（领取单）</translation>
    </message>
    <message>
        <location filename="../../ui/_i18n_strings.py" line="113" />
        <source>好差评评价单</source>
        <translation>好差评评价单</translation>
    </message>
    <message>
        <location filename="../../ui/_i18n_strings.py" line="369" />
        <source>按数字键作答（5 最满意）</source>
        <translation>按数字键作答（5 最满意）</translation>
    </message>
    <message>
        <location filename="../../ui/_i18n_strings.py" line="370" />
        <source>评价等级</source>
        <translation>评价等级</translation>
    </message>
    <message>
        <location filename="../../ui/_i18n_strings.py" line="398" />
        <source>本机（{0}）</source>
        <translation>本机（{0}）</translation>
    </message>
    <message>
        <location filename="../../ui/_i18n_strings.py" line="399" />
        <source>区级平台</source>
        <translation>区级平台</translation>
    </message>
    <message>
        <location filename="../../ui/_i18n_strings.py" line="400" />
        <source>本中心其他窗口电脑 {0}</source>
        <translation>本中心其他窗口电脑 {0}</translation>
    </message>
    <message>
        <location filename="../../ui/_i18n_strings.py" line="372" />
        <source>评价环节</source>
        <translation>评价环节</translation>
    </message>
    <message>
        <location filename="../../ui/_i18n_strings.py" line="371" />
        <source>（已评价）</source>
        <translation>（已评价）</translation>
    </message>
    <message>
        <location filename="../../ui/_i18n_strings.py" line="373" />
        <source>意见</source>
        <translation>意见</translation>
    </message>
    <message>
        <location filename="../../ui/_i18n_strings.py" line="374" />
        <source>请申请人选择评价等级（必选）</source>
        <translation>请申请人选择评价等级（必选）</translation>
    </message>
    <message>
        <location filename="../../ui/_i18n_strings.py" line="375" />
        <source>结果</source>
        <translation>结果</translation>
    </message>
    <message>
        <location filename="../../ui/_i18n_strings.py" line="376" />
        <source>理由（不予/补正必填）</source>
        <translation>理由（不予/补正必填）</translation>
    </message>
    <message>
        <location filename="../../ui/_i18n_strings.py" line="377" />
        <source>文书编号</source>
        <translation>文书编号</translation>
    </message>
    <message>
        <location filename="../../ui/_i18n_strings.py" line="378" />
        <source>补交材料</source>
        <translation>补交材料</translation>
    </message>
    <message>
        <location filename="../../ui/_i18n_strings.py" line="379" />
        <source>勾选申请人本次补交的材料：</source>
        <translation>勾选申请人本次补交的材料：</translation>
    </message>
    <message>
        <location filename="../../ui/_i18n_strings.py" line="380" />
        <source>转交给其他承办人</source>
        <translation>转交给其他承办人</translation>
    </message>
    <message>
        <location filename="../../ui/_i18n_strings.py" line="381" />
        <source>转交原因（可不填）</source>
        <translation>转交原因（可不填）</translation>
    </message>
    <message>
        <location filename="../../ui/_i18n_strings.py" line="382" />
        <source>转交给：</source>
        <translation>转交给：</translation>
    </message>
    <message>
        <location filename="../../ui/_i18n_strings.py" line="383" />
        <source>没有可以接手的人：除当前承办人外，本中心没有在用的窗口人员或中心负责人账户。请系统管理员添加或启用账户后再转交。</source>
        <translation>没有可以接手的人：除当前承办人外，本中心没有在用的窗口人员或中心负责人账户。请系统管理员添加或启用账户后再转交。</translation>
    </message>
    <message>
        <location filename="../../ui/_i18n_strings.py" line="384" />
        <source>部门签收人</source>
        <translation>部门签收人</translation>
    </message>
    <message>
        <location filename="../../ui/_i18n_strings.py" line="385" />
        <source>通知方式（电话/短信/当面）</source>
        <translation>通知方式（电话/短信/当面）</translation>
    </message>
    <message>
        <location filename="../../ui/_i18n_strings.py" line="386" />
        <source>中止原因（听证、检测、专家评审）</source>
        <translation>中止原因（听证、检测、专家评审）</translation>
    </message>
    <message>
        <location filename="../../ui/_i18n_strings.py" line="387" />
        <source>撤回原因</source>
        <translation>撤回原因</translation>
    </message>
    <message>
        <location filename="../../ui/_i18n_strings.py" line="388" />
        <source>终止原因</source>
        <translation>终止原因</translation>
    </message>
    <message>
        <location filename="../../ui/_i18n_strings.py" line="389" />
        <location filename="../../ui/casepage.py" line="448" />
        <source>备注内容</source>
        <translation>备注内容</translation>
    </message>
    <message>
        <location filename="../../ui/_i18n_strings.py" line="390" />
        <source>送件人（默认本人）</source>
        <translation>送件人（默认本人）</translation>
    </message>
    <message>
        <location filename="../../ui/_i18n_strings.py" line="391" />
        <source>取件人（默认本人）</source>
        <translation>取件人（默认本人）</translation>
    </message>
    <message>
        <location filename="../../ui/_i18n_strings.py" line="392" />
        <source>请填写部门签收人的姓名（谁在部门签收了材料）</source>
        <translation>请填写部门签收人的姓名（谁在部门签收了材料）</translation>
    </message>
    <message>
        <location filename="../../ui/_i18n_strings.py" line="393" />
        <source>电话</source>
        <translation>电话</translation>
    </message>
    <message>
        <location filename="../../ui/_i18n_strings.py" line="394" />
        <source>办结</source>
        <translation>办结</translation>
    </message>
    <message>
        <location filename="../../ui/_i18n_strings.py" line="395" />
        <source>领取人</source>
        <translation>领取人</translation>
    </message>
    <message>
        <location filename="../../ui/_i18n_strings.py" line="396" />
        <source>回访情况</source>
        <translation>回访情况</translation>
    </message>
    <message>
        <location filename="../../ui/_i18n_strings.py" line="397" />
        <source>申请人对整改满意吗？</source>
        <translation>申请人对整改满意吗？</translation>
    </message>
</context>
<context>
    <name>CatalogTab</name>
    <message>
        <location filename="../../ui/admin.py" line="248" />
        <source>编码</source>
        <translation>编码</translation>
    </message>
    <message>
        <location filename="../../ui/admin.py" line="248" />
        <source>事项</source>
        <translation>事项</translation>
    </message>
    <message>
        <location filename="../../ui/admin.py" line="248" />
        <source>部门</source>
        <translation>部门</translation>
    </message>
    <message>
        <location filename="../../ui/admin.py" line="248" />
        <source>承诺时限（工作日）</source>
        <translation>承诺时限（工作日）</translation>
    </message>
    <message>
        <location filename="../../ui/admin.py" line="264" />
        <source>目录版本 {0}（只读，由区级平台下发）· {1} 个事项</source>
        <translation>目录版本 {0}（只读，由区级平台下发）· {1} 个事项</translation>
    </message>
</context>
<context>
    <name>Checklist</name>
    <message>
        <location filename="../../ui/_i18n_strings.py" line="133" />
        <source>原件</source>
        <translation>原件</translation>
    </message>
    <message>
        <location filename="../../ui/_i18n_strings.py" line="134" />
        <source>复印件</source>
        <translation>复印件</translation>
    </message>
    <message>
        <location filename="../../ui/_i18n_strings.py" line="135" />
        <source>原件及复印件</source>
        <translation>原件及复印件</translation>
    </message>
    <message>
        <location filename="../../ui/_i18n_strings.py" line="136" />
        <source>电子</source>
        <translation>电子</translation>
    </message>
    <message>
        <location filename="../../ui/checklist.py" line="42" />
        <source>已收</source>
        <translation>已收</translation>
    </message>
    <message>
        <location filename="../../ui/checklist.py" line="42" />
        <source>材料</source>
        <translation>材料</translation>
    </message>
    <message>
        <location filename="../../ui/checklist.py" line="42" />
        <source>形式</source>
        <translation>形式</translation>
    </message>
    <message>
        <location filename="../../ui/checklist.py" line="42" />
        <source>份数</source>
        <translation>份数</translation>
    </message>
    <message>
        <location filename="../../ui/checklist.py" line="42" />
        <source>容缺</source>
        <translation>容缺</translation>
    </message>
    <message>
        <location filename="../../ui/checklist.py" line="64" />
        <source>（非必需）</source>
        <translation>（非必需）</translation>
    </message>
    <message>
        <location filename="../../ui/checklist.py" line="103" />
        <source>事项“{0}”不适用容缺受理：材料不齐请用 F11 一次性告知</source>
        <translation>事项“{0}”不适用容缺受理：材料不齐请用 F11 一次性告知</translation>
    </message>
    <message>
        <location filename="../../ui/checklist.py" line="107" />
        <source>材料“{0}”是主要材料，不能容缺</source>
        <translation>材料“{0}”是主要材料，不能容缺</translation>
    </message>
</context>
<context>
    <name>DashboardPage</name>
    <message>
        <location filename="../../ui/dashboard.py" line="69" />
        <source>统计区间</source>
        <translation>统计区间</translation>
    </message>
    <message>
        <location filename="../../ui/dashboard.py" line="73" />
        <source>日报 PDF</source>
        <translation>日报 PDF</translation>
    </message>
    <message>
        <location filename="../../ui/dashboard.py" line="74" />
        <source>月报 PDF</source>
        <translation>月报 PDF</translation>
    </message>
    <message>
        <location filename="../../ui/dashboard.py" line="75" />
        <source>导出 Excel/CSV</source>
        <translation>导出 Excel/CSV</translation>
    </message>
    <message>
        <location filename="../../ui/dashboard.py" line="76" />
        <source>查询留痕</source>
        <translation>查询留痕</translation>
    </message>
    <message>
        <location filename="../../ui/dashboard.py" line="63" />
        <source>收件 = 受理 + 不予受理（不予受理不是受理）；收件读卡率 = 证件由读卡器（含键盘式读卡器）读取的件数 / 收件件数</source>
        <translation>收件 = 受理 + 不予受理（不予受理不是受理）；收件读卡率 = 证件由读卡器（含键盘式读卡器）读取的件数 / 收件件数</translation>
    </message>
    <message>
        <location filename="../../ui/dashboard.py" line="112" />
        <source>&lt;b&gt;{0}&lt;/b&gt;：收件 {1} 件（受理 {2}，不予受理 {3}），一次性告知 {4} 份；&lt;span style='color:#b00020'&gt;超期 {5} 件&lt;/span&gt;，&lt;span style='color:#a66b00'&gt;临期 {6} 件&lt;/span&gt;；满意率 {7}</source>
        <translation>&lt;b&gt;{0}&lt;/b&gt;：收件 {1} 件（受理 {2}，不予受理 {3}），一次性告知 {4} 份；&lt;span style='color:#b00020'&gt;超期 {5} 件&lt;/span&gt;，&lt;span style='color:#a66b00'&gt;临期 {6} 件&lt;/span&gt;；满意率 {7}</translation>
    </message>
    <message>
        <location filename="../../ui/dashboard.py" line="131" />
        <source>&lt;br&gt;&lt;a href='rectifications' style='color:{0}'&gt;待整改差评 {1} 件&lt;/a&gt;&lt;span style='color:{0}'&gt;（最近回访期限 {2}{3}）&lt;/span&gt;</source>
        <translation>&lt;br&gt;&lt;a href='rectifications' style='color:{0}'&gt;待整改差评 {1} 件&lt;/a&gt;&lt;span style='color:{0}'&gt;（最近回访期限 {2}{3}）&lt;/span&gt;</translation>
    </message>
    <message>
        <location filename="../../ui/dashboard.py" line="135" />
        <source>，已逾期</source>
        <translation>，已逾期</translation>
    </message>
    <message>
        <location filename="../../ui/dashboard.py" line="138" />
        <source>&lt;br&gt;待整改差评 0 件</source>
        <translation>&lt;br&gt;待整改差评 0 件</translation>
    </message>
    <message>
        <location filename="../../ui/dashboard.py" line="140" />
        <source>；本期终止 &lt;a href='ended'&gt;{0} 件&lt;/a&gt;</source>
        <translation>；本期终止 &lt;a href='ended'&gt;{0} 件&lt;/a&gt;</translation>
    </message>
    <message>
        <location filename="../../ui/dashboard.py" line="143" />
        <source>&lt;span style='color:#b00020'&gt;（其中容缺逾期未补正、系统自动终止 {0} 件：请告知申请人重新申请）&lt;/span&gt;</source>
        <translation>&lt;span style='color:#b00020'&gt;（其中容缺逾期未补正、系统自动终止 {0} 件：请告知申请人重新申请）&lt;/span&gt;</translation>
    </message>
    <message>
        <location filename="../../ui/dashboard.py" line="153" />
        <source>；收件读卡率 {0}（{1}/{2} 件）</source>
        <translation>；收件读卡率 {0}（{1}/{2} 件）</translation>
    </message>
    <message>
        <location filename="../../ui/dashboard.py" line="161" />
        <source>{0}（{1}）</source>
        <translation>{0}（{1}）</translation>
    </message>
    <message>
        <location filename="../../ui/dashboard.py" line="162" />
        <source>{0}（{1} 至 {2}）</source>
        <translation>{0}（{1} 至 {2}）</translation>
    </message>
    <message>
        <location filename="../../ui/dashboard.py" line="177" />
        <source>受理</source>
        <translation>受理</translation>
    </message>
    <message>
        <location filename="../../ui/dashboard.py" line="182" />
        <source>在办案件状态</source>
        <translation>在办案件状态</translation>
    </message>
    <message>
        <location filename="../../ui/dashboard.py" line="232" />
        <source>其他 {0} 个部门</source>
        <translation>其他 {0} 个部门</translation>
    </message>
    <message>
        <location filename="../../ui/dashboard.py" line="232" />
        <source>其他</source>
        <translation>其他</translation>
    </message>
    <message>
        <location filename="../../ui/dashboard.py" line="236" />
        <source>超期与临期（按所在部门）</source>
        <translation>超期与临期（按所在部门）</translation>
    </message>
    <message>
        <location filename="../../ui/dashboard.py" line="237" />
        <source>超期</source>
        <translation>超期</translation>
    </message>
    <message>
        <location filename="../../ui/dashboard.py" line="237" />
        <source>临期</source>
        <translation>临期</translation>
    </message>
    <message>
        <location filename="../../ui/dashboard.py" line="263" />
        <source>其他 {0} 人</source>
        <translation>其他 {0} 人</translation>
    </message>
    <message>
        <location filename="../../ui/dashboard.py" line="266" />
        <source>在办量（按承办人）</source>
        <translation>在办量（按承办人）</translation>
    </message>
    <message>
        <location filename="../../ui/dashboard.py" line="267" />
        <source>在办</source>
        <translation>在办</translation>
    </message>
    <message>
        <location filename="../../ui/dashboard.py" line="195" />
        <source>好差评</source>
        <translation>好差评</translation>
    </message>
    <message>
        <location filename="../../ui/dashboard.py" line="303" />
        <source>导出统计</source>
        <translation>导出统计</translation>
    </message>
    <message>
        <location filename="../../ui/dashboard.py" line="312" />
        <source>已导出到 {0}</source>
        <translation>已导出到 {0}</translation>
    </message>
    <message>
        <location filename="../../ui/_i18n_strings.py" line="149" />
        <source>已受理（待送件）</source>
        <translation>已受理（待送件）</translation>
    </message>
    <message>
        <location filename="../../ui/_i18n_strings.py" line="150" />
        <source>已送部门</source>
        <translation>已送部门</translation>
    </message>
    <message>
        <location filename="../../ui/_i18n_strings.py" line="151" />
        <source>部门办理中</source>
        <translation>部门办理中</translation>
    </message>
    <message>
        <location filename="../../ui/_i18n_strings.py" line="152" />
        <source>待补正材料</source>
        <translation>待补正材料</translation>
    </message>
    <message>
        <location filename="../../ui/_i18n_strings.py" line="153" />
        <source>部门已出结果</source>
        <translation>部门已出结果</translation>
    </message>
    <message>
        <location filename="../../ui/_i18n_strings.py" line="154" />
        <source>结果已返回中心</source>
        <translation>结果已返回中心</translation>
    </message>
    <message>
        <location filename="../../ui/_i18n_strings.py" line="155" />
        <source>已通知领取</source>
        <translation>已通知领取</translation>
    </message>
    <message>
        <location filename="../../ui/_i18n_strings.py" line="156" />
        <source>已办结</source>
        <translation>已办结</translation>
    </message>
    <message>
        <location filename="../../ui/_i18n_strings.py" line="157" />
        <source>已中止</source>
        <translation>已中止</translation>
    </message>
    <message>
        <location filename="../../ui/_i18n_strings.py" line="158" />
        <source>已撤回</source>
        <translation>已撤回</translation>
    </message>
    <message>
        <location filename="../../ui/_i18n_strings.py" line="159" />
        <location filename="../../ui/dashboard.py" line="177" />
        <source>不予受理</source>
        <translation>不予受理</translation>
    </message>
    <message>
        <location filename="../../ui/_i18n_strings.py" line="160" />
        <source>已终止</source>
        <translation>已终止</translation>
    </message>
    <message>
        <location filename="../../ui/_i18n_strings.py" line="161" />
        <source>非常满意</source>
        <translation>非常满意</translation>
    </message>
    <message>
        <location filename="../../ui/_i18n_strings.py" line="162" />
        <source>满意</source>
        <translation>满意</translation>
    </message>
    <message>
        <location filename="../../ui/_i18n_strings.py" line="163" />
        <source>基本满意</source>
        <translation>基本满意</translation>
    </message>
    <message>
        <location filename="../../ui/_i18n_strings.py" line="164" />
        <source>不满意</source>
        <translation>不满意</translation>
    </message>
    <message>
        <location filename="../../ui/_i18n_strings.py" line="165" />
        <source>非常不满意</source>
        <translation>非常不满意</translation>
    </message>
    <message>
        <location filename="../../ui/_i18n_strings.py" line="166" />
        <source>周一</source>
        <translation>周一</translation>
    </message>
    <message>
        <location filename="../../ui/_i18n_strings.py" line="167" />
        <source>周二</source>
        <translation>周二</translation>
    </message>
    <message>
        <location filename="../../ui/_i18n_strings.py" line="168" />
        <source>周三</source>
        <translation>周三</translation>
    </message>
    <message>
        <location filename="../../ui/_i18n_strings.py" line="169" />
        <source>周四</source>
        <translation>周四</translation>
    </message>
    <message>
        <location filename="../../ui/_i18n_strings.py" line="170" />
        <source>周五</source>
        <translation>周五</translation>
    </message>
    <message>
        <location filename="../../ui/_i18n_strings.py" line="171" />
        <source>周六</source>
        <translation>周六</translation>
    </message>
    <message>
        <location filename="../../ui/_i18n_strings.py" line="172" />
        <source>周日</source>
        <translation>周日</translation>
    </message>
    <message>
        <location filename="../../ui/_i18n_strings.py" line="215" />
        <source>今日</source>
        <translation>今日</translation>
    </message>
    <message>
        <location filename="../../ui/_i18n_strings.py" line="216" />
        <source>本周</source>
        <translation>本周</translation>
    </message>
    <message>
        <location filename="../../ui/_i18n_strings.py" line="217" />
        <source>本月</source>
        <translation>本月</translation>
    </message>
    <message>
        <location filename="../../ui/_i18n_strings.py" line="403" />
        <source>本期没有数据</source>
        <translation>本期没有数据</translation>
    </message>
    <message>
        <location filename="../../ui/_i18n_strings.py" line="404" />
        <source>{0}时</source>
        <translation>{0}时</translation>
    </message>
    <message>
        <location filename="../../ui/_i18n_strings.py" line="405" />
        <source>收件趋势（按小时）</source>
        <translation>收件趋势（按小时）</translation>
    </message>
    <message>
        <location filename="../../ui/_i18n_strings.py" line="406" />
        <source>收件趋势（按日）</source>
        <translation>收件趋势（按日）</translation>
    </message>
</context>
<context>
    <name>EvaluationDialog</name>
    <message>
        <location filename="../../ui/dialogs.py" line="53" />
        <source>好差评</source>
        <translation>好差评</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs.py" line="57" />
        <source>按数字键作答（5 最满意）</source>
        <translation>按数字键作答（5 最满意）</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs.py" line="60" />
        <source>评价等级</source>
        <translation>评价等级</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs.py" line="79" />
        <source>（已评价）</source>
        <translation>（已评价）</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs.py" line="86" />
        <source>评价环节</source>
        <translation>评价环节</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs.py" line="87" />
        <source>意见</source>
        <translation>意见</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs.py" line="121" />
        <source>请申请人选择评价等级（必选）</source>
        <translation>请申请人选择评价等级（必选）</translation>
    </message>
    <message>
        <location filename="../../ui/_i18n_strings.py" line="197" />
        <source>非常满意</source>
        <translation>非常满意</translation>
    </message>
    <message>
        <location filename="../../ui/_i18n_strings.py" line="198" />
        <source>满意</source>
        <translation>满意</translation>
    </message>
    <message>
        <location filename="../../ui/_i18n_strings.py" line="199" />
        <source>基本满意</source>
        <translation>基本满意</translation>
    </message>
    <message>
        <location filename="../../ui/_i18n_strings.py" line="200" />
        <source>不满意</source>
        <translation>不满意</translation>
    </message>
    <message>
        <location filename="../../ui/_i18n_strings.py" line="201" />
        <source>非常不满意</source>
        <translation>非常不满意</translation>
    </message>
    <message>
        <location filename="../../ui/_i18n_strings.py" line="202" />
        <source>整体满意度</source>
        <translation>整体满意度</translation>
    </message>
    <message>
        <location filename="../../ui/_i18n_strings.py" line="203" />
        <source>办事效率</source>
        <translation>办事效率</translation>
    </message>
    <message>
        <location filename="../../ui/_i18n_strings.py" line="204" />
        <source>服务水平</source>
        <translation>服务水平</translation>
    </message>
    <message>
        <location filename="../../ui/_i18n_strings.py" line="205" />
        <source>服务态度</source>
        <translation>服务态度</translation>
    </message>
    <message>
        <location filename="../../ui/_i18n_strings.py" line="206" />
        <source>领取</source>
        <translation>领取</translation>
    </message>
    <message>
        <location filename="../../ui/_i18n_strings.py" line="207" />
        <source>受理</source>
        <translation>受理</translation>
    </message>
    <message>
        <location filename="../../ui/_i18n_strings.py" line="208" />
        <source>其他</source>
        <translation>其他</translation>
    </message>
</context>
<context>
    <name>FeedbackDialog</name>
    <message>
        <location filename="../../ui/feedback.py" line="28" />
        <source>向区级平台反馈</source>
        <translation>向区级平台反馈</translation>
    </message>
    <message>
        <location filename="../../ui/feedback.py" line="35" />
        <source>发送 Ctrl+Enter</source>
        <translation>发送 Ctrl+Enter</translation>
    </message>
    <message>
        <location filename="../../ui/feedback.py" line="40" />
        <location filename="../../ui/feedback.py" line="45" />
        <source>主题</source>
        <translation>主题</translation>
    </message>
    <message>
        <location filename="../../ui/feedback.py" line="40" />
        <location filename="../../ui/feedback.py" line="46" />
        <source>内容</source>
        <translation>内容</translation>
    </message>
    <message>
        <location filename="../../ui/feedback.py" line="40" />
        <source>回复</source>
        <translation>回复</translation>
    </message>
    <message>
        <location filename="../../ui/feedback.py" line="51" />
        <source>以往反馈与回复（同步后更新）</source>
        <translation>以往反馈与回复（同步后更新）</translation>
    </message>
    <message>
        <location filename="../../ui/feedback.py" line="67" />
        <source>（等待回复）</source>
        <translation>（等待回复）</translation>
    </message>
    <message>
        <location filename="../../ui/feedback.py" line="83" />
        <source>已记录，将随下次同步送达区级平台</source>
        <translation>已记录，将随下次同步送达区级平台</translation>
    </message>
</context>
<context>
    <name>IntakePage</name>
    <message>
        <location filename="../../ui/intake.py" line="150" />
        <source>办理事项</source>
        <translation>办理事项</translation>
    </message>
    <message>
        <location filename="../../ui/intake.py" line="98" />
        <source>材料清单（空格 已收/未收 · Q 容缺 · F 形式 · +/- 份数）</source>
        <translation>材料清单（空格 已收/未收 · Q 容缺 · F 形式 · +/- 份数）</translation>
    </message>
    <message>
        <location filename="../../ui/intake.py" line="103" />
        <source>受理 F9</source>
        <translation>受理 F9</translation>
    </message>
    <message>
        <location filename="../../ui/intake.py" line="104" />
        <source>容缺受理 F10</source>
        <translation>容缺受理 F10</translation>
    </message>
    <message>
        <location filename="../../ui/intake.py" line="105" />
        <source>一次性告知 F11</source>
        <translation>一次性告知 F11</translation>
    </message>
    <message>
        <location filename="../../ui/intake.py" line="106" />
        <source>不予受理 F12</source>
        <translation>不予受理 F12</translation>
    </message>
    <message>
        <location filename="../../ui/intake.py" line="107" />
        <source>下一位 Ctrl+N</source>
        <translation>下一位 Ctrl+N</translation>
    </message>
    <message>
        <location filename="../../ui/intake.py" line="138" />
        <source>数字键 1–9 选常用事项；或输入名称、拼音首字母（如 ylbx），↓ 选择，回车确定</source>
        <translation>数字键 1–9 选常用事项；或输入名称、拼音首字母（如 ylbx），↓ 选择，回车确定</translation>
    </message>
    <message>
        <location filename="../../ui/intake.py" line="229" />
        <source>请核对证件：</source>
        <translation>请核对证件：</translation>
    </message>
    <message>
        <location filename="../../ui/intake.py" line="251" />
        <source>已由读卡器输入证件号码</source>
        <translation>已由读卡器输入证件号码</translation>
    </message>
    <message>
        <location filename="../../ui/intake.py" line="320" />
        <source>。必需材料已默认勾选，缺少的请用空格取消</source>
        <translation>。必需材料已默认勾选，缺少的请用空格取消</translation>
    </message>
    <message>
        <location filename="../../ui/intake.py" line="356" />
        <source>该申请人已有此事项在办：{0}（{1}，{2} 受理）{3}</source>
        <translation>该申请人已有此事项在办：{0}（{1}，{2} 受理）{3}</translation>
    </message>
    <message>
        <location filename="../../ui/intake.py" line="358" />
        <source> 等 {0} 件</source>
        <translation> 等 {0} 件</translation>
    </message>
    <message>
        <location filename="../../ui/intake.py" line="387" />
        <source>同一事项已在办</source>
        <translation>同一事项已在办</translation>
    </message>
    <message>
        <location filename="../../ui/intake.py" line="388" />
        <source>确定再受理一件吗？</source>
        <translation>确定再受理一件吗？</translation>
    </message>
    <message>
        <location filename="../../ui/intake.py" line="394" />
        <source>未受理：该申请人已有此事项在办</source>
        <translation>未受理：该申请人已有此事项在办</translation>
    </message>
    <message>
        <location filename="../../ui/intake.py" line="408" />
        <source>请先填写申请人（证件号，或老用户的尾号、姓名）</source>
        <translation>请先填写申请人（证件号，或老用户的尾号、姓名）</translation>
    </message>
    <message>
        <location filename="../../ui/intake.py" line="423" />
        <source>{0}：{1}</source>
        <translation>{0}：{1}</translation>
    </message>
    <message>
        <location filename="../../ui/intake.py" line="451" />
        <location filename="../../ui/intake.py" line="455" />
        <source>。</source>
        <translation>。</translation>
    </message>
    <message>
        <location filename="../../ui/intake.py" line="477" />
        <source>事项“{0}”不适用容缺受理：材料不齐请用 F11 一次性告知</source>
        <translation>事项“{0}”不适用容缺受理：材料不齐请用 F11 一次性告知</translation>
    </message>
    <message>
        <location filename="../../ui/intake.py" line="532" />
        <source>请写明应向哪个机关申请（告知申请人去向）</source>
        <translation>请写明应向哪个机关申请（告知申请人去向）</translation>
    </message>
    <message>
        <location filename="../../ui/intake.py" line="317" />
        <source>已选：{0}（{1}）· 承诺 {2} 个工作日 · {3}{4}</source>
        <translation>已选：{0}（{1}）· 承诺 {2} 个工作日 · {3}{4}</translation>
    </message>
    <message>
        <location filename="../../ui/intake.py" line="319" />
        <source> · 可容缺受理</source>
        <translation> · 可容缺受理</translation>
    </message>
    <message>
        <location filename="../../ui/intake.py" line="411" />
        <source>请先选择办理事项</source>
        <translation>请先选择办理事项</translation>
    </message>
    <message>
        <location filename="../../ui/intake.py" line="469" />
        <source>已受理</source>
        <translation>已受理</translation>
    </message>
    <message>
        <location filename="../../ui/intake.py" line="482" />
        <source>容缺受理</source>
        <translation>容缺受理</translation>
    </message>
    <message>
        <location filename="../../ui/intake.py" line="482" />
        <source>申请人已签署《容缺受理承诺书》吗？</source>
        <translation>申请人已签署《容缺受理承诺书》吗？</translation>
    </message>
    <message>
        <location filename="../../ui/intake.py" line="493" />
        <source>已容缺受理</source>
        <translation>已容缺受理</translation>
    </message>
    <message>
        <location filename="../../ui/intake.py" line="505" />
        <source>已出具一次性告知书</source>
        <translation>已出具一次性告知书</translation>
    </message>
    <message>
        <location filename="../../ui/_i18n_strings.py" line="121" />
        <source>已受理（待送件）</source>
        <translation>已受理（待送件）</translation>
    </message>
    <message>
        <location filename="../../ui/_i18n_strings.py" line="122" />
        <source>已送部门</source>
        <translation>已送部门</translation>
    </message>
    <message>
        <location filename="../../ui/_i18n_strings.py" line="123" />
        <source>部门办理中</source>
        <translation>部门办理中</translation>
    </message>
    <message>
        <location filename="../../ui/_i18n_strings.py" line="124" />
        <source>待补正材料</source>
        <translation>待补正材料</translation>
    </message>
    <message>
        <location filename="../../ui/_i18n_strings.py" line="125" />
        <source>部门已出结果</source>
        <translation>部门已出结果</translation>
    </message>
    <message>
        <location filename="../../ui/_i18n_strings.py" line="126" />
        <source>结果已返回中心</source>
        <translation>结果已返回中心</translation>
    </message>
    <message>
        <location filename="../../ui/_i18n_strings.py" line="127" />
        <source>已通知领取</source>
        <translation>已通知领取</translation>
    </message>
    <message>
        <location filename="../../ui/_i18n_strings.py" line="128" />
        <source>已办结</source>
        <translation>已办结</translation>
    </message>
    <message>
        <location filename="../../ui/_i18n_strings.py" line="129" />
        <source>已中止</source>
        <translation>已中止</translation>
    </message>
    <message>
        <location filename="../../ui/_i18n_strings.py" line="130" />
        <source>已撤回</source>
        <translation>已撤回</translation>
    </message>
    <message>
        <location filename="../../ui/_i18n_strings.py" line="131" />
        <location filename="../../ui/intake.py" line="527" />
        <source>不予受理</source>
        <translation>不予受理</translation>
    </message>
    <message>
        <location filename="../../ui/_i18n_strings.py" line="132" />
        <source>已终止</source>
        <translation>已终止</translation>
    </message>
    <message>
        <location filename="../../ui/intake.py" line="529" />
        <source>不予受理的理由</source>
        <translation>不予受理的理由</translation>
    </message>
    <message>
        <location filename="../../ui/intake.py" line="530" />
        <source>请填写不予受理的理由</source>
        <translation>请填写不予受理的理由</translation>
    </message>
    <message>
        <location filename="../../ui/intake.py" line="531" />
        <source>应向哪个机关申请</source>
        <translation>应向哪个机关申请</translation>
    </message>
    <message>
        <location filename="../../ui/intake.py" line="520" />
        <source>已出具不予受理通知书</source>
        <translation>已出具不予受理通知书</translation>
    </message>
</context>
<context>
    <name>LapseNotice</name>
    <message>
        <location filename="../../ui/lapsenotice.py" line="63" />
        <source>容缺受理案件已自动终止</source>
        <translation>容缺受理案件已自动终止</translation>
    </message>
    <message>
        <location filename="../../ui/lapsenotice.py" line="66" />
        <source>{0} 件容缺受理案件逾期未补正，已自动终止：请告知申请人，案件已终止，需补齐材料后重新申请。</source>
        <translation>{0} 件容缺受理案件逾期未补正，已自动终止：请告知申请人，案件已终止，需补齐材料后重新申请。</translation>
    </message>
    <message>
        <location filename="../../ui/lapsenotice.py" line="71" />
        <source>查看已终止清单</source>
        <translation>查看已终止清单</translation>
    </message>
    <message>
        <location filename="../../ui/lapsenotice.py" line="72" />
        <source>知道了</source>
        <translation>知道了</translation>
    </message>
</context>
<context>
    <name>LoginDialog</name>
    <message>
        <location filename="../../ui/login.py" line="39" />
        <source>CounterDesk 登录</source>
        <translation>CounterDesk 登录</translation>
    </message>
    <message>
        <location filename="../../ui/login.py" line="39" />
        <source>已锁屏</source>
        <translation>已锁屏</translation>
    </message>
    <message>
        <location filename="../../ui/login.py" line="43" />
        <source>全程代办系统 · {0}（{1}号窗口电脑）</source>
        <translation>全程代办系统 · {0}（{1}号窗口电脑）</translation>
    </message>
    <message>
        <location filename="../../ui/login.py" line="63" />
        <source>登录</source>
        <translation>登录</translation>
    </message>
    <message>
        <location filename="../../ui/login.py" line="63" />
        <source>解锁</source>
        <translation>解锁</translation>
    </message>
    <message>
        <location filename="../../ui/login.py" line="67" />
        <source>用户名</source>
        <translation>用户名</translation>
    </message>
    <message>
        <location filename="../../ui/login.py" line="68" />
        <source>密码</source>
        <translation>密码</translation>
    </message>
    <message>
        <location filename="../../ui/login.py" line="70" />
        <source>语言 / Language</source>
        <translation>语言 / Language</translation>
    </message>
    <message>
        <location filename="../../ui/login.py" line="78" />
        <source>{0} 已锁屏。请输入密码继续，或换人登录。</source>
        <translation>{0} 已锁屏。请输入密码继续，或换人登录。</translation>
    </message>
    <message>
        <location filename="../../ui/login.py" line="79" />
        <source>数据已从备份恢复，请 {0} 重新输入密码，或换人登录。</source>
        <translation>数据已从备份恢复，请 {0} 重新输入密码，或换人登录。</translation>
    </message>
    <message>
        <location filename="../../ui/login.py" line="80" />
        <source>{0} 离开超过设定时间，已锁屏。请输入密码继续，或换人登录。</source>
        <translation>{0} 离开超过设定时间，已锁屏。请输入密码继续，或换人登录。</translation>
    </message>
    <message>
        <location filename="../../ui/login.py" line="94" />
        <source>请输入用户名和密码</source>
        <translation>请输入用户名和密码</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../ui/mainwindow.py" line="120" />
        <source>CounterDesk 全程代办 — {0} · {1}</source>
        <translation>CounterDesk 全程代办 — {0} · {1}</translation>
    </message>
    <message>
        <location filename="../../ui/mainwindow.py" line="157" />
        <source>受理 F2</source>
        <translation>受理 F2</translation>
    </message>
    <message>
        <location filename="../../ui/mainwindow.py" line="158" />
        <source>工作清单 F3</source>
        <translation>工作清单 F3</translation>
    </message>
    <message>
        <location filename="../../ui/mainwindow.py" line="159" />
        <location filename="../../ui/mainwindow.py" line="166" />
        <source>案件 F4</source>
        <translation>案件 F4</translation>
    </message>
    <message>
        <location filename="../../ui/mainwindow.py" line="160" />
        <source>送件/返回/领取 F5</source>
        <translation>送件/返回/领取 F5</translation>
    </message>
    <message>
        <location filename="../../ui/mainwindow.py" line="163" />
        <source>统计 F6</source>
        <translation>统计 F6</translation>
    </message>
    <message>
        <location filename="../../ui/mainwindow.py" line="165" />
        <source>案件清单 F3</source>
        <translation>案件清单 F3</translation>
    </message>
    <message>
        <location filename="../../ui/mainwindow.py" line="167" />
        <source>系统管理 F7</source>
        <translation>系统管理 F7</translation>
    </message>
    <message>
        <location filename="../../ui/mainwindow.py" line="167" />
        <source>同步与设置 F7</source>
        <translation>同步与设置 F7</translation>
    </message>
    <message>
        <location filename="../../ui/mainwindow.py" line="257" />
        <source>搜索</source>
        <translation>搜索</translation>
    </message>
    <message>
        <location filename="../../ui/mainwindow.py" line="262" />
        <source>Ctrl+F 搜索：案件编号、姓名、拼音、证件号或电话尾号</source>
        <translation>Ctrl+F 搜索：案件编号、姓名、拼音、证件号或电话尾号</translation>
    </message>
    <message>
        <location filename="../../ui/mainwindow.py" line="265" />
        <source>回车搜索；↓ 进入结果，回车打开案件</source>
        <translation>回车搜索；↓ 进入结果，回车打开案件</translation>
    </message>
    <message>
        <location filename="../../ui/mainwindow.py" line="269" />
        <source>反馈 F1</source>
        <translation>反馈 F1</translation>
    </message>
    <message>
        <location filename="../../ui/mainwindow.py" line="272" />
        <source>锁屏 Ctrl+L</source>
        <translation>锁屏 Ctrl+L</translation>
    </message>
    <message>
        <location filename="../../ui/mainwindow.py" line="281" />
        <source>{0}（{1}） · {2} · {3}</source>
        <translation>{0}（{1}） · {2} · {3}</translation>
    </message>
    <message>
        <location filename="../../ui/mainwindow.py" line="308" />
        <source>同步未完成：{0}</source>
        <translation>同步未完成：{0}</translation>
    </message>
    <message>
        <location filename="../../ui/mainwindow.py" line="313" />
        <source>同步完成：上传 {0} 条，接收 {1} 条</source>
        <translation>同步完成：上传 {0} 条，接收 {1} 条</translation>
    </message>
    <message>
        <location filename="../../ui/mainwindow.py" line="353" />
        <source>已锁屏：请解锁后重新放置证件</source>
        <translation>已锁屏：请解锁后重新放置证件</translation>
    </message>
    <message>
        <location filename="../../ui/mainwindow.py" line="304" />
        <source>区级平台回复了 {0} 条反馈（F1 查看）</source>
        <translation>区级平台回复了 {0} 条反馈（F1 查看）</translation>
    </message>
</context>
<context>
    <name>MaterialsDialog</name>
    <message>
        <location filename="../../ui/dialogs.py" line="228" />
        <source>补交材料</source>
        <translation>补交材料</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs.py" line="243" />
        <source>勾选申请人本次补交的材料：</source>
        <translation>勾选申请人本次补交的材料：</translation>
    </message>
</context>
<context>
    <name>PasswordDialog</name>
    <message>
        <location filename="../../ui/admin.py" line="74" />
        <source>重置密码</source>
        <translation>重置密码</translation>
    </message>
    <message>
        <location filename="../../ui/admin.py" line="76" />
        <source>为 {0}（{1}）设置新密码，请当面告诉本人。</source>
        <translation>为 {0}（{1}）设置新密码，请当面告诉本人。</translation>
    </message>
    <message>
        <location filename="../../ui/admin.py" line="81" />
        <source>新密码</source>
        <translation>新密码</translation>
    </message>
    <message>
        <location filename="../../ui/admin.py" line="82" />
        <source>请输入新密码</source>
        <translation>请输入新密码</translation>
    </message>
    <message>
        <location filename="../../ui/admin.py" line="83" />
        <source>再输一次</source>
        <translation>再输一次</translation>
    </message>
    <message>
        <location filename="../../ui/admin.py" line="84" />
        <source>请再输一次新密码</source>
        <translation>请再输一次新密码</translation>
    </message>
    <message>
        <location filename="../../ui/admin.py" line="88" />
        <source>两次输入的新密码不一致，请重新输入</source>
        <translation>两次输入的新密码不一致，请重新输入</translation>
    </message>
</context>
<context>
    <name>PreviewDialog</name>
    <message>
        <location filename="../../ui/preview.py" line="93" />
        <source>{0} · 共 {1} 页 · 打印机：{2}</source>
        <translation>{0} · 共 {1} 页 · 打印机：{2}</translation>
    </message>
    <message>
        <location filename="../../ui/preview.py" line="94" />
        <source>系统默认</source>
        <translation>系统默认</translation>
    </message>
    <message>
        <location filename="../../ui/preview.py" line="97" />
        <source>打印 Ctrl+P</source>
        <translation>打印 Ctrl+P</translation>
    </message>
    <message>
        <location filename="../../ui/preview.py" line="102" />
        <source>另存为 PDF Ctrl+S</source>
        <translation>另存为 PDF Ctrl+S</translation>
    </message>
    <message>
        <location filename="../../ui/preview.py" line="106" />
        <source>关闭 Esc</source>
        <translation>关闭 Esc</translation>
    </message>
    <message>
        <location filename="../../ui/preview.py" line="153" />
        <source>另存为 PDF</source>
        <translation>另存为 PDF</translation>
    </message>
    <message>
        <location filename="../../ui/preview.py" line="164" />
        <source>已另存为 {0}</source>
        <translation>已另存为 {0}</translation>
    </message>
</context>
<context>
    <name>PrintersTab</name>
    <message>
        <location filename="../../ui/admin.py" line="292" />
        <source>系统默认打印机</source>
        <translation>系统默认打印机</translation>
    </message>
    <message>
        <location filename="../../ui/admin.py" line="300" />
        <source>热敏卷纸</source>
        <translation>热敏卷纸</translation>
    </message>
    <message>
        <location filename="../../ui/admin.py" line="310" />
        <source>热敏纸宽</source>
        <translation>热敏纸宽</translation>
    </message>
    <message>
        <location filename="../../ui/admin.py" line="312" />
        <source>热敏回执</source>
        <translation>热敏回执</translation>
    </message>
    <message>
        <location filename="../../ui/admin.py" line="313" />
        <source>A4 回执</source>
        <translation>A4 回执</translation>
    </message>
    <message>
        <location filename="../../ui/admin.py" line="318" />
        <source>受理回执用纸</source>
        <translation>受理回执用纸</translation>
    </message>
    <message>
        <location filename="../../ui/admin.py" line="320" />
        <source>本机未发现打印机：将使用系统默认或另存为 PDF</source>
        <translation>本机未发现打印机：将使用系统默认或另存为 PDF</translation>
    </message>
    <message>
        <location filename="../../ui/admin.py" line="342" />
        <source>数据文件读写失败</source>
        <translation>数据文件读写失败</translation>
    </message>
    <message>
        <location filename="../../ui/admin.py" line="343" />
        <source>打印机</source>
        <translation>打印机</translation>
    </message>
    <message>
        <location filename="../../ui/_i18n_strings.py" line="224" />
        <source>受理回执（热敏）</source>
        <translation>受理回执（热敏）</translation>
    </message>
    <message>
        <location filename="../../ui/_i18n_strings.py" line="225" />
        <source>受理回执（A4）</source>
        <translation>受理回执（A4）</translation>
    </message>
    <message>
        <location filename="../../ui/_i18n_strings.py" line="226" />
        <source>一次性告知书</source>
        <translation>一次性告知书</translation>
    </message>
    <message>
        <location filename="../../ui/_i18n_strings.py" line="227" />
        <source>不予受理通知书</source>
        <translation>不予受理通知书</translation>
    </message>
    <message>
        <location filename="../../ui/_i18n_strings.py" line="228" />
        <source>容缺受理承诺书</source>
        <translation>容缺受理承诺书</translation>
    </message>
    <message>
        <location filename="../../ui/_i18n_strings.py" line="229" />
        <source>申请表</source>
        <translation>申请表</translation>
    </message>
    <message>
        <location filename="../../ui/_i18n_strings.py" line="230" />
        <source>送件交接单</source>
        <translation>送件交接单</translation>
    </message>
    <message>
        <location filename="../../ui/_i18n_strings.py" line="231" />
        <source>结果返回清单</source>
        <translation>结果返回清单</translation>
    </message>
    <message>
        <location filename="../../ui/_i18n_strings.py" line="232" />
        <source>办结通知（领取单）</source>
        <translation>办结通知（领取单）</translation>
    </message>
    <message>
        <location filename="../../ui/_i18n_strings.py" line="233" />
        <source>好差评评价单</source>
        <translation>好差评评价单</translation>
    </message>
    <message>
        <location filename="../../ui/_i18n_strings.py" line="234" />
        <source>中心日报</source>
        <translation>中心日报</translation>
    </message>
    <message>
        <location filename="../../ui/_i18n_strings.py" line="235" />
        <source>中心月报</source>
        <translation>中心月报</translation>
    </message>
</context>
<context>
    <name>ReaderBox</name>
    <message>
        <location filename="../../ui/_i18n_strings.py" line="247" />
        <source>不使用读卡器</source>
        <translation>不使用读卡器</translation>
    </message>
    <message>
        <location filename="../../ui/_i18n_strings.py" line="248" />
        <source>读卡器厂商驱动（termb.dll，CVR 接口）</source>
        <translation>读卡器厂商驱动（termb.dll，CVR 接口）</translation>
    </message>
    <message>
        <location filename="../../ui/_i18n_strings.py" line="249" />
        <source>读卡器标准驱动（sdtapi.dll，SDT 接口）</source>
        <translation>读卡器标准驱动（sdtapi.dll，SDT 接口）</translation>
    </message>
    <message>
        <location filename="../../ui/_i18n_strings.py" line="250" />
        <source>键盘输入式读卡器（自动输入证件号）</source>
        <translation>键盘输入式读卡器（自动输入证件号）</translation>
    </message>
    <message>
        <location filename="../../ui/_i18n_strings.py" line="251" />
        <source>模拟读卡器（演示、培训）</source>
        <translation>模拟读卡器（演示、培训）</translation>
    </message>
    <message>
        <location filename="../../ui/readersettings.py" line="41" />
        <source>身份证读卡器</source>
        <translation>身份证读卡器</translation>
    </message>
    <message>
        <location filename="../../ui/readersettings.py" line="51" />
        <source>厂商驱动文件：termb.dll 或 sdtapi.dll（.so）</source>
        <translation>厂商驱动文件：termb.dll 或 sdtapi.dll（.so）</translation>
    </message>
    <message>
        <location filename="../../ui/readersettings.py" line="52" />
        <source>选择驱动…</source>
        <translation>选择驱动…</translation>
    </message>
    <message>
        <location filename="../../ui/readersettings.py" line="56" />
        <source>自动（先 USB 1001–1016，再串口 COM1–COM16）</source>
        <translation>自动（先 USB 1001–1016，再串口 COM1–COM16）</translation>
    </message>
    <message>
        <location filename="../../ui/readersettings.py" line="64" />
        <source>照片解码库（WltRS.dll，可不填：无照片）</source>
        <translation>照片解码库（WltRS.dll，可不填：无照片）</translation>
    </message>
    <message>
        <location filename="../../ui/readersettings.py" line="65" />
        <source>测试读卡器 Alt+T</source>
        <translation>测试读卡器 Alt+T</translation>
    </message>
    <message>
        <location filename="../../ui/readersettings.py" line="80" />
        <source>读卡器类型</source>
        <translation>读卡器类型</translation>
    </message>
    <message>
        <location filename="../../ui/readersettings.py" line="81" />
        <source>驱动文件</source>
        <translation>驱动文件</translation>
    </message>
    <message>
        <location filename="../../ui/readersettings.py" line="82" />
        <source>端口</source>
        <translation>端口</translation>
    </message>
    <message>
        <location filename="../../ui/readersettings.py" line="83" />
        <source>照片解码库</source>
        <translation>照片解码库</translation>
    </message>
    <message>
        <location filename="../../ui/readersettings.py" line="115" />
        <source>选择读卡器驱动</source>
        <translation>选择读卡器驱动</translation>
    </message>
    <message>
        <location filename="../../ui/readersettings.py" line="116" />
        <source>驱动库 (*.dll *.so *.so.*);;所有文件 (*)</source>
        <translation>驱动库 (*.dll *.so *.so.*);;所有文件 (*)</translation>
    </message>
    <message>
        <location filename="../../ui/readersettings.py" line="128" />
        <source>正在测试读卡器…</source>
        <translation>正在测试读卡器…</translation>
    </message>
    <message>
        <location filename="../../ui/readersettings.py" line="134" />
        <source>读卡器测试出错：{0}</source>
        <translation>读卡器测试出错：{0}</translation>
    </message>
</context>
<context>
    <name>ReaderLines</name>
    <message>
        <location filename="../../ui/_i18n_strings.py" line="273" />
        <source>读卡器已就绪（{0}）：请把证件放在读卡器上</source>
        <translation>读卡器已就绪（{0}）：请把证件放在读卡器上</translation>
    </message>
    <message>
        <location filename="../../ui/_i18n_strings.py" line="274" />
        <source>已读取{0}</source>
        <translation>已读取{0}</translation>
    </message>
    <message>
        <location filename="../../ui/_i18n_strings.py" line="275" />
        <source>证件已取走</source>
        <translation>证件已取走</translation>
    </message>
    <message>
        <location filename="../../ui/_i18n_strings.py" line="276" />
        <source>读卡器出错：请重新放置证件，或检查读卡器设置（可先手工录入）</source>
        <translation>读卡器出错：请重新放置证件，或检查读卡器设置（可先手工录入）</translation>
    </message>
    <message>
        <location filename="../../ui/_i18n_strings.py" line="277" />
        <source>找不到读卡器驱动 {0}：请在「打印机与设备」中选择驱动文件</source>
        <translation>找不到读卡器驱动 {0}：请在「打印机与设备」中选择驱动文件</translation>
    </message>
    <message>
        <location filename="../../ui/_i18n_strings.py" line="278" />
        <source>{0} 不是读卡器驱动库文件：请选厂商提供的 .dll/.so 文件</source>
        <translation>{0} 不是读卡器驱动库文件：请选厂商提供的 .dll/.so 文件</translation>
    </message>
    <message>
        <location filename="../../ui/_i18n_strings.py" line="279" />
        <source>{0} 不是读卡器驱动库文件</source>
        <translation>{0} 不是读卡器驱动库文件</translation>
    </message>
    <message>
        <location filename="../../ui/_i18n_strings.py" line="280" />
        <source>{0} 是 {1} 的驱动，本机要用{2}，请向厂商索取</source>
        <translation>{0} 是 {1} 的驱动，本机要用{2}，请向厂商索取</translation>
    </message>
    <message>
        <location filename="../../ui/_i18n_strings.py" line="281" />
        <source>{0} 是 {1} 位驱动，本程序是 {2} 位：请向厂商索取 {3} 位驱动</source>
        <translation>{0} 是 {1} 位驱动，本程序是 {2} 位：请向厂商索取 {3} 位驱动</translation>
    </message>
    <message>
        <location filename="../../ui/_i18n_strings.py" line="282" />
        <source>{0} 是 {1} 处理器的驱动，本机是 {2}：请向厂商索取对应版本</source>
        <translation>{0} 是 {1} 处理器的驱动，本机是 {2}：请向厂商索取对应版本</translation>
    </message>
    <message>
        <location filename="../../ui/_i18n_strings.py" line="283" />
        <source>{0} 与本程序位数不符（本程序是 {1} 位）：请向厂商索取 {2} 位驱动</source>
        <translation>{0} 与本程序位数不符（本程序是 {1} 位）：请向厂商索取 {2} 位驱动</translation>
    </message>
    <message>
        <location filename="../../ui/_i18n_strings.py" line="284" />
        <source>读卡器驱动 {0} 或它依赖的库找不到：请把厂商驱动的全部文件放在同一文件夹</source>
        <translation>读卡器驱动 {0} 或它依赖的库找不到：请把厂商驱动的全部文件放在同一文件夹</translation>
    </message>
    <message>
        <location filename="../../ui/_i18n_strings.py" line="285" />
        <source>读卡器驱动 {0} 无法加载</source>
        <translation>读卡器驱动 {0} 无法加载</translation>
    </message>
    <message>
        <location filename="../../ui/_i18n_strings.py" line="286" />
        <source>{0} 不是所选类型读卡器的驱动（缺少 {1}）：请检查驱动文件和读卡器类型</source>
        <translation>{0} 不是所选类型读卡器的驱动（缺少 {1}）：请检查驱动文件和读卡器类型</translation>
    </message>
    <message>
        <location filename="../../ui/_i18n_strings.py" line="287" />
        <source>没有找到读卡器（{0}）：请检查连线和端口设置</source>
        <translation>没有找到读卡器（{0}）：请检查连线和端口设置</translation>
    </message>
    <message>
        <location filename="../../ui/_i18n_strings.py" line="288" />
        <source>读卡没有完成（证件被移开或放偏）：请把证件放稳后重新放置</source>
        <translation>读卡没有完成（证件被移开或放偏）：请把证件放稳后重新放置</translation>
    </message>
    <message>
        <location filename="../../ui/_i18n_strings.py" line="289" />
        <source>证件信息读取不完整，请重新放置证件或手工录入</source>
        <translation>证件信息读取不完整，请重新放置证件或手工录入</translation>
    </message>
    <message>
        <location filename="../../ui/_i18n_strings.py" line="290" />
        <source>读卡器无响应（{0}）：请检查连线</source>
        <translation>读卡器无响应（{0}）：请检查连线</translation>
    </message>
    <message>
        <location filename="../../ui/_i18n_strings.py" line="291" />
        <source>读卡时证件被移开：请把证件放稳后重新放置</source>
        <translation>读卡时证件被移开：请把证件放稳后重新放置</translation>
    </message>
    <message>
        <location filename="../../ui/_i18n_strings.py" line="292" />
        <source>读卡失败（{0}）：请重新放置证件或手工录入</source>
        <translation>读卡失败（{0}）：请重新放置证件或手工录入</translation>
    </message>
    <message>
        <location filename="../../ui/_i18n_strings.py" line="293" />
        <source>证件信息没有读完：请把证件放稳后重新放置</source>
        <translation>证件信息没有读完：请把证件放稳后重新放置</translation>
    </message>
    <message>
        <location filename="../../ui/_i18n_strings.py" line="294" />
        <source>不认识的读卡器类型：{0}</source>
        <translation>不认识的读卡器类型：{0}</translation>
    </message>
    <message>
        <location filename="../../ui/_i18n_strings.py" line="295" />
        <source>未设置读卡器</source>
        <translation>未设置读卡器</translation>
    </message>
    <message>
        <location filename="../../ui/_i18n_strings.py" line="296" />
        <source>键盘输入式读卡器无需驱动：在证件号码栏放卡即可自动输入</source>
        <translation>键盘输入式读卡器无需驱动：在证件号码栏放卡即可自动输入</translation>
    </message>
    <message>
        <location filename="../../ui/_i18n_strings.py" line="297" />
        <source>读卡器正常（{0}），读到{1}</source>
        <translation>读卡器正常（{0}），读到{1}</translation>
    </message>
    <message>
        <location filename="../../ui/_i18n_strings.py" line="298" />
        <source>读卡器正常（{0}），未放证件</source>
        <translation>读卡器正常（{0}），未放证件</translation>
    </message>
    <message>
        <location filename="../../ui/_i18n_strings.py" line="299" />
        <source>USB 1001-1016 和串口 1-16</source>
        <translation>USB 1001-1016 和串口 1-16</translation>
    </message>
    <message>
        <location filename="../../ui/_i18n_strings.py" line="300" />
        <source>模拟读卡器</source>
        <translation>模拟读卡器</translation>
    </message>
    <message>
        <location filename="../../ui/_i18n_strings.py" line="301" />
        <source>（未设置）</source>
        <translation>（未设置）</translation>
    </message>
    <message>
        <location filename="../../ui/_i18n_strings.py" line="302" />
        <source>Windows 版（.dll）</source>
        <translation>Windows 版（.dll）</translation>
    </message>
    <message>
        <location filename="../../ui/_i18n_strings.py" line="303" />
        <source>Linux 版（.so）</source>
        <translation>Linux 版（.so）</translation>
    </message>
    <message>
        <location filename="../../ui/_i18n_strings.py" line="304" />
        <source>居民身份证</source>
        <translation>居民身份证</translation>
    </message>
    <message>
        <location filename="../../ui/_i18n_strings.py" line="305" />
        <source>港澳台居民居住证</source>
        <translation>港澳台居民居住证</translation>
    </message>
    <message>
        <location filename="../../ui/_i18n_strings.py" line="306" />
        <source>外国人永久居留身份证</source>
        <translation>外国人永久居留身份证</translation>
    </message>
    <message>
        <location filename="../../ui/_i18n_strings.py" line="307" />
        <source>香港居民居住证</source>
        <translation>香港居民居住证</translation>
    </message>
    <message>
        <location filename="../../ui/_i18n_strings.py" line="308" />
        <source>澳门居民居住证</source>
        <translation>澳门居民居住证</translation>
    </message>
    <message>
        <location filename="../../ui/_i18n_strings.py" line="309" />
        <source>台湾居民居住证</source>
        <translation>台湾居民居住证</translation>
    </message>
    <message>
        <location filename="../../ui/_i18n_strings.py" line="310" />
        <source>端口打开失败</source>
        <translation>端口打开失败</translation>
    </message>
    <message>
        <location filename="../../ui/_i18n_strings.py" line="311" />
        <source>接收超时</source>
        <translation>接收超时</translation>
    </message>
    <message>
        <location filename="../../ui/_i18n_strings.py" line="312" />
        <source>数据传输错误</source>
        <translation>数据传输错误</translation>
    </message>
    <message>
        <location filename="../../ui/_i18n_strings.py" line="313" />
        <source>SAM 串口不可用</source>
        <translation>SAM 串口不可用</translation>
    </message>
    <message>
        <location filename="../../ui/_i18n_strings.py" line="314" />
        <source>打开文件失败</source>
        <translation>打开文件失败</translation>
    </message>
    <message>
        <location filename="../../ui/_i18n_strings.py" line="315" />
        <source>校验和错</source>
        <translation>校验和错</translation>
    </message>
    <message>
        <location filename="../../ui/_i18n_strings.py" line="316" />
        <source>长度错</source>
        <translation>长度错</translation>
    </message>
    <message>
        <location filename="../../ui/_i18n_strings.py" line="317" />
        <source>命令错误</source>
        <translation>命令错误</translation>
    </message>
    <message>
        <location filename="../../ui/_i18n_strings.py" line="318" />
        <source>越权操作</source>
        <translation>越权操作</translation>
    </message>
    <message>
        <location filename="../../ui/_i18n_strings.py" line="319" />
        <source>无法识别的错误</source>
        <translation>无法识别的错误</translation>
    </message>
    <message>
        <location filename="../../ui/_i18n_strings.py" line="320" />
        <source>卡认证机具失败</source>
        <translation>卡认证机具失败</translation>
    </message>
    <message>
        <location filename="../../ui/_i18n_strings.py" line="321" />
        <source>机具认证卡失败</source>
        <translation>机具认证卡失败</translation>
    </message>
    <message>
        <location filename="../../ui/_i18n_strings.py" line="322" />
        <source>信息验证错误</source>
        <translation>信息验证错误</translation>
    </message>
    <message>
        <location filename="../../ui/_i18n_strings.py" line="323" />
        <source>无法识别的卡类型</source>
        <translation>无法识别的卡类型</translation>
    </message>
    <message>
        <location filename="../../ui/_i18n_strings.py" line="324" />
        <source>读卡操作失败</source>
        <translation>读卡操作失败</translation>
    </message>
    <message>
        <location filename="../../ui/_i18n_strings.py" line="325" />
        <source>取随机数失败</source>
        <translation>取随机数失败</translation>
    </message>
    <message>
        <location filename="../../ui/_i18n_strings.py" line="326" />
        <source>SAM 自检失败</source>
        <translation>SAM 自检失败</translation>
    </message>
    <message>
        <location filename="../../ui/_i18n_strings.py" line="327" />
        <source>SAM 未经授权</source>
        <translation>SAM 未经授权</translation>
    </message>
    <message>
        <location filename="../../ui/_i18n_strings.py" line="328" />
        <source>找卡失败</source>
        <translation>找卡失败</translation>
    </message>
    <message>
        <location filename="../../ui/_i18n_strings.py" line="329" />
        <source>选卡失败</source>
        <translation>选卡失败</translation>
    </message>
    <message>
        <location filename="../../ui/_i18n_strings.py" line="330" />
        <source>无此内容</source>
        <translation>无此内容</translation>
    </message>
    <message>
        <location filename="../../ui/_i18n_strings.py" line="331" />
        <source>未知错误</source>
        <translation>未知错误</translation>
    </message>
    <message>
        <location filename="../../ui/_i18n_strings.py" line="332" />
        <source>端口 {0}</source>
        <translation>端口 {0}</translation>
    </message>
</context>
<context>
    <name>ReaderService</name>
    <message>
        <location filename="../../ui/reader.py" line="122" />
        <source>键盘式读卡器：在证件号码栏放卡即可</source>
        <translation>键盘式读卡器：在证件号码栏放卡即可</translation>
    </message>
</context>
<context>
    <name>ResultDialog</name>
    <message>
        <location filename="../../ui/dialogs.py" line="166" />
        <source>部门出具结果</source>
        <translation>部门出具结果</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs.py" line="176" />
        <source>结果</source>
        <translation>结果</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs.py" line="177" />
        <source>理由（不予/补正必填）</source>
        <translation>理由（不予/补正必填）</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs.py" line="178" />
        <source>文书编号</source>
        <translation>文书编号</translation>
    </message>
    <message>
        <location filename="../../ui/_i18n_strings.py" line="209" />
        <source>准予</source>
        <translation>准予</translation>
    </message>
    <message>
        <location filename="../../ui/_i18n_strings.py" line="210" />
        <source>不予</source>
        <translation>不予</translation>
    </message>
    <message>
        <location filename="../../ui/_i18n_strings.py" line="211" />
        <source>需补正</source>
        <translation>需补正</translation>
    </message>
</context>
<context>
    <name>SearchModel</name>
    <message>
        <location filename="../../ui/_i18n_strings.py" line="236" />
        <source>案件编号</source>
        <translation>案件编号</translation>
    </message>
    <message>
        <location filename="../../ui/_i18n_strings.py" line="237" />
        <source>申请人</source>
        <translation>申请人</translation>
    </message>
    <message>
        <location filename="../../ui/_i18n_strings.py" line="238" />
        <source>证件号</source>
        <translation>证件号</translation>
    </message>
    <message>
        <location filename="../../ui/_i18n_strings.py" line="239" />
        <source>事项</source>
        <translation>事项</translation>
    </message>
    <message>
        <location filename="../../ui/_i18n_strings.py" line="240" />
        <source>状态</source>
        <translation>状态</translation>
    </message>
    <message>
        <location filename="../../ui/_i18n_strings.py" line="241" />
        <source>受理日期</source>
        <translation>受理日期</translation>
    </message>
    <message>
        <location filename="../../ui/_i18n_strings.py" line="242" />
        <source>办结期限</source>
        <translation>办结期限</translation>
    </message>
    <message>
        <location filename="../../ui/_i18n_strings.py" line="243" />
        <source>匹配</source>
        <translation>匹配</translation>
    </message>
    <message>
        <location filename="../../ui/worklists.py" line="104" />
        <source>Ctrl+R 显示所选行的完整证件号（留痕）</source>
        <translation>Ctrl+R 显示所选行的完整证件号（留痕）</translation>
    </message>
</context>
<context>
    <name>SettingsTab</name>
    <message>
        <location filename="../../ui/admin.py" line="495" />
        <source>切换语言</source>
        <translation>切换语言</translation>
    </message>
    <message>
        <location filename="../../ui/admin.py" line="502" />
        <source> 分钟（本机所有账户）</source>
        <translation> 分钟（本机所有账户）</translation>
    </message>
    <message>
        <location filename="../../ui/admin.py" line="508" />
        <source>由系统管理员设置</source>
        <translation>由系统管理员设置</translation>
    </message>
    <message>
        <location filename="../../ui/admin.py" line="513" />
        <source>界面语言</source>
        <translation>界面语言</translation>
    </message>
    <message>
        <location filename="../../ui/admin.py" line="514" />
        <source>无操作自动锁屏</source>
        <translation>无操作自动锁屏</translation>
    </message>
    <message>
        <location filename="../../ui/admin.py" line="517" />
        <source>受理时必需材料默认勾选（申请人缺少的再取消勾选）</source>
        <translation>受理时必需材料默认勾选（申请人缺少的再取消勾选）</translation>
    </message>
    <message>
        <location filename="../../ui/admin.py" line="518" />
        <source>按 F9–F12 决定后直接打印，不再预览确认</source>
        <translation>按 F9–F12 决定后直接打印，不再预览确认</translation>
    </message>
    <message>
        <location filename="../../ui/admin.py" line="525" />
        <source>受理</source>
        <translation>受理</translation>
    </message>
    <message>
        <location filename="../../ui/admin.py" line="527" />
        <source>中心</source>
        <translation>中心</translation>
    </message>
    <message>
        <location filename="../../ui/admin.py" line="528" />
        <source>本机</source>
        <translation>本机</translation>
    </message>
    <message>
        <location filename="../../ui/admin.py" line="529" />
        <source>数据文件</source>
        <translation>数据文件</translation>
    </message>
</context>
<context>
    <name>SetupWizard</name>
    <message>
        <location filename="../../ui/setupwizard.py" line="64" />
        <source>CounterDesk 首次设置</source>
        <translation>CounterDesk 首次设置</translation>
    </message>
    <message>
        <location filename="../../ui/setupwizard.py" line="73" />
        <source>中心与本机</source>
        <translation>中心与本机</translation>
    </message>
    <message>
        <location filename="../../ui/setupwizard.py" line="74" />
        <source>中心编码由区级平台分配；窗口电脑编号在本中心内唯一。</source>
        <translation>中心编码由区级平台分配；窗口电脑编号在本中心内唯一。</translation>
    </message>
    <message>
        <location filename="../../ui/setupwizard.py" line="81" />
        <source>中心编码</source>
        <translation>中心编码</translation>
    </message>
    <message>
        <location filename="../../ui/setupwizard.py" line="82" />
        <source>中心名称</source>
        <translation>中心名称</translation>
    </message>
    <message>
        <location filename="../../ui/setupwizard.py" line="83" />
        <source>窗口电脑编号</source>
        <translation>窗口电脑编号</translation>
    </message>
    <message>
        <location filename="../../ui/setupwizard.py" line="84" />
        <source>窗口名称</source>
        <translation>窗口名称</translation>
    </message>
    <message>
        <location filename="../../ui/setupwizard.py" line="85" />
        <source>中心电话</source>
        <translation>中心电话</translation>
    </message>
    <message>
        <location filename="../../ui/setupwizard.py" line="90" />
        <source>区级平台</source>
        <translation>区级平台</translation>
    </message>
    <message>
        <location filename="../../ui/setupwizard.py" line="96" />
        <source>仅离线使用（以后可在管理页注册）</source>
        <translation>仅离线使用（以后可在管理页注册）</translation>
    </message>
    <message>
        <location filename="../../ui/setupwizard.py" line="97" />
        <source>服务器地址</source>
        <translation>服务器地址</translation>
    </message>
    <message>
        <location filename="../../ui/setupwizard.py" line="98" />
        <source>CA 证书</source>
        <translation>CA 证书</translation>
    </message>
    <message>
        <location filename="../../ui/setupwizard.py" line="99" />
        <source>注册码</source>
        <translation>注册码</translation>
    </message>
    <message>
        <location filename="../../ui/setupwizard.py" line="92" />
        <source>联网的中心填写服务器地址和一次性注册码（区级用自建 CA 时再选它的 CA 证书）；无网络的中心选择仅离线。</source>
        <translation>联网的中心填写服务器地址和一次性注册码（区级用自建 CA 时再选它的 CA 证书）；无网络的中心选择仅离线。</translation>
    </message>
    <message>
        <location filename="../../ui/setupwizard.py" line="113" />
        <source>可不选</source>
        <translation>可不选</translation>
    </message>
    <message>
        <location filename="../../ui/setupwizard.py" line="118" />
        <source>选择CA证书…</source>
        <translation>选择CA证书…</translation>
    </message>
    <message>
        <location filename="../../ui/setupwizard.py" line="121" />
        <source>清除</source>
        <translation>清除</translation>
    </message>
    <message>
        <location filename="../../ui/setupwizard.py" line="166" />
        <source>首个管理员</source>
        <translation>首个管理员</translation>
    </message>
    <message>
        <location filename="../../ui/setupwizard.py" line="166" />
        <source>密码至少 8 位，含字母和数字；只保存其哈希。</source>
        <translation>密码至少 8 位，含字母和数字；只保存其哈希。</translation>
    </message>
    <message>
        <location filename="../../ui/setupwizard.py" line="168" />
        <source>系统管理员</source>
        <translation>系统管理员</translation>
    </message>
    <message>
        <location filename="../../ui/setupwizard.py" line="172" />
        <source>登录名</source>
        <translation>登录名</translation>
    </message>
    <message>
        <location filename="../../ui/setupwizard.py" line="173" />
        <source>姓名</source>
        <translation>姓名</translation>
    </message>
    <message>
        <location filename="../../ui/setupwizard.py" line="174" />
        <source>密码</source>
        <translation>密码</translation>
    </message>
    <message>
        <location filename="../../ui/setupwizard.py" line="175" />
        <source>再输一次</source>
        <translation>再输一次</translation>
    </message>
    <message>
        <location filename="../../ui/setupwizard.py" line="180" />
        <source>打印机与备份</source>
        <translation>打印机与备份</translation>
    </message>
    <message>
        <location filename="../../ui/setupwizard.py" line="181" />
        <source>每种单据可用不同打印机（热敏小票 / A4）；每日自动备份到 U 盘等文件夹。</source>
        <translation>每种单据可用不同打印机（热敏小票 / A4）；每日自动备份到 U 盘等文件夹。</translation>
    </message>
    <message>
        <location filename="../../ui/setupwizard.py" line="193" />
        <source>备份文件夹</source>
        <translation>备份文件夹</translation>
    </message>
    <message>
        <location filename="../../ui/setupwizard.py" line="194" />
        <source>每日备份时间</source>
        <translation>每日备份时间</translation>
    </message>
    <message>
        <location filename="../../ui/setupwizard.py" line="237" />
        <source>两次输入的密码不一致</source>
        <translation>两次输入的密码不一致</translation>
    </message>
    <message>
        <location filename="../../ui/setupwizard.py" line="257" />
        <source>设置向导</source>
        <translation>设置向导</translation>
    </message>
    <message>
        <location filename="../../ui/setupwizard.py" line="274" />
        <source>请回到“区级平台”一页选择区级平台的 CA 证书，再点“完成”（已创建的数据和管理员保持不变，注册码没有用掉）。</source>
        <translation>请回到“区级平台”一页选择区级平台的 CA 证书，再点“完成”（已创建的数据和管理员保持不变，注册码没有用掉）。</translation>
    </message>
    <message>
        <location filename="../../ui/_i18n_strings.py" line="196" />
        <source>（系统默认）</source>
        <translation>（系统默认）</translation>
    </message>
</context>
<context>
    <name>SimulatorButton</name>
    <message>
        <location filename="../../ui/_i18n_strings.py" line="252" />
        <source>普通居民身份证</source>
        <translation>普通居民身份证</translation>
    </message>
    <message>
        <location filename="../../ui/_i18n_strings.py" line="253" />
        <source>生僻字（扩展A 䶮）</source>
        <translation>生僻字（扩展A 䶮）</translation>
    </message>
    <message>
        <location filename="../../ui/_i18n_strings.py" line="254" />
        <source>生僻字（扩展B 𠮷）</source>
        <translation>生僻字（扩展B 𠮷）</translation>
    </message>
    <message>
        <location filename="../../ui/_i18n_strings.py" line="255" />
        <source>生僻字（扩展E 𬱖）</source>
        <translation>生僻字（扩展E 𬱖）</translation>
    </message>
    <message>
        <location filename="../../ui/_i18n_strings.py" line="256" />
        <source>生僻字（扩展G 𰻞）</source>
        <translation>生僻字（扩展G 𰻞）</translation>
    </message>
    <message>
        <location filename="../../ui/_i18n_strings.py" line="257" />
        <source>过期证件</source>
        <translation>过期证件</translation>
    </message>
    <message>
        <location filename="../../ui/_i18n_strings.py" line="258" />
        <source>自造字（私用区）</source>
        <translation>自造字（私用区）</translation>
    </message>
    <message>
        <location filename="../../ui/_i18n_strings.py" line="259" />
        <source>外国人永久居留身份证（2023 版）</source>
        <translation>外国人永久居留身份证（2023 版）</translation>
    </message>
    <message>
        <location filename="../../ui/_i18n_strings.py" line="260" />
        <source>港澳台居民居住证</source>
        <translation>港澳台居民居住证</translation>
    </message>
    <message>
        <location filename="../../ui/_i18n_strings.py" line="261" />
        <source>读卡出错</source>
        <translation>读卡出错</translation>
    </message>
    <message>
        <location filename="../../ui/_i18n_strings.py" line="262" />
        <source>读卡中途拿走证件</source>
        <translation>读卡中途拿走证件</translation>
    </message>
    <message>
        <location filename="../../ui/simcards.py" line="26" />
        <source>模拟放卡 F8</source>
        <translation>模拟放卡 F8</translation>
    </message>
    <message>
        <location filename="../../ui/simcards.py" line="27" />
        <source>演示与培训：把一张模拟证件放到读卡器上</source>
        <translation>演示与培训：把一张模拟证件放到读卡器上</translation>
    </message>
</context>
<context>
    <name>SyncIndicator</name>
    <message>
        <location filename="../../ui/mainwindow.py" line="50" />
        <source>● 检查中</source>
        <translation>● 检查中</translation>
    </message>
    <message>
        <location filename="../../ui/mainwindow.py" line="54" />
        <source>立即同步</source>
        <translation>立即同步</translation>
    </message>
    <message>
        <location filename="../../ui/mainwindow.py" line="70" />
        <source>● 在线</source>
        <translation>● 在线</translation>
    </message>
    <message>
        <location filename="../../ui/mainwindow.py" line="73" />
        <source>● 离线</source>
        <translation>● 离线</translation>
    </message>
    <message>
        <location filename="../../ui/mainwindow.py" line="80" />
        <source>未注册区级平台：{0} 条只在本机</source>
        <translation>未注册区级平台：{0} 条只在本机</translation>
    </message>
    <message>
        <location filename="../../ui/mainwindow.py" line="84" />
        <source>待上传 {0} 条，即将上传</source>
        <translation>待上传 {0} 条，即将上传</translation>
    </message>
    <message>
        <location filename="../../ui/mainwindow.py" line="86" />
        <source>待上传 {0} 条，最早一条已等 {1}</source>
        <translation>待上传 {0} 条，最早一条已等 {1}</translation>
    </message>
    <message>
        <location filename="../../ui/mainwindow.py" line="89" />
        <source>上次错误：{0}</source>
        <translation>上次错误：{0}</translation>
    </message>
    <message>
        <location filename="../../ui/mainwindow.py" line="91" />
        <source>；同步出错（悬停查看）</source>
        <translation>；同步出错（悬停查看）</translation>
    </message>
    <message>
        <location filename="../../ui/mainwindow.py" line="82" />
        <source>已全部上传</source>
        <translation>已全部上传</translation>
    </message>
    <message>
        <location filename="../../ui/mainwindow.py" line="88" />
        <source>；{0} 条被拒收</source>
        <translation>；{0} 条被拒收</translation>
    </message>
</context>
<context>
    <name>SyncPage</name>
    <message>
        <location filename="../../ui/syncpage.py" line="118" />
        <source>保存地址</source>
        <translation>保存地址</translation>
    </message>
    <message>
        <location filename="../../ui/syncpage.py" line="123" />
        <source>用注册码注册本机</source>
        <translation>用注册码注册本机</translation>
    </message>
    <message>
        <location filename="../../ui/syncpage.py" line="70" />
        <source>立即同步</source>
        <translation>立即同步</translation>
    </message>
    <message>
        <location filename="../../ui/syncpage.py" line="64" />
        <source>电脑</source>
        <translation>电脑</translation>
    </message>
    <message>
        <location filename="../../ui/syncpage.py" line="64" />
        <source>原因</source>
        <translation>原因</translation>
    </message>
    <message>
        <location filename="../../ui/syncpage.py" line="89" />
        <source>未同步的事件：本机被区级平台拒收的，其他电脑的本机未收下的</source>
        <translation>未同步的事件：本机被区级平台拒收的，其他电脑的本机未收下的</translation>
    </message>
    <message>
        <location filename="../../ui/syncpage.py" line="126" />
        <source>区级平台</source>
        <translation>区级平台</translation>
    </message>
    <message>
        <location filename="../../ui/syncpage.py" line="131" />
        <location filename="../../ui/syncpage.py" line="143" />
        <source>平台地址</source>
        <translation>平台地址</translation>
    </message>
    <message>
        <location filename="../../ui/syncpage.py" line="131" />
        <source>注册码</source>
        <translation>注册码</translation>
    </message>
    <message>
        <location filename="../../ui/syncpage.py" line="171" />
        <source>同步状态</source>
        <translation>同步状态</translation>
    </message>
    <message>
        <location filename="../../ui/syncpage.py" line="174" />
        <source>注册</source>
        <translation>注册</translation>
    </message>
    <message>
        <location filename="../../ui/syncpage.py" line="174" />
        <source>待上传事件</source>
        <translation>待上传事件</translation>
    </message>
    <message>
        <location filename="../../ui/syncpage.py" line="175" />
        <source>最早未上传</source>
        <translation>最早未上传</translation>
    </message>
    <message>
        <location filename="../../ui/syncpage.py" line="175" />
        <source>已确认序号</source>
        <translation>已确认序号</translation>
    </message>
    <message>
        <location filename="../../ui/syncpage.py" line="176" />
        <source>上次联系</source>
        <translation>上次联系</translation>
    </message>
    <message>
        <location filename="../../ui/syncpage.py" line="176" />
        <source>上次成功</source>
        <translation>上次成功</translation>
    </message>
    <message>
        <location filename="../../ui/syncpage.py" line="177" />
        <source>上次错误</source>
        <translation>上次错误</translation>
    </message>
    <message>
        <location filename="../../ui/syncpage.py" line="177" />
        <source>阶段</source>
        <translation>阶段</translation>
    </message>
    <message>
        <location filename="../../ui/syncpage.py" line="64" />
        <source>序号</source>
        <translation>序号</translation>
    </message>
    <message>
        <location filename="../../ui/syncpage.py" line="64" />
        <source>代码</source>
        <translation>代码</translation>
    </message>
    <message>
        <location filename="../../ui/syncpage.py" line="76" />
        <source>导出U盘数据包</source>
        <translation>导出U盘数据包</translation>
    </message>
    <message>
        <location filename="../../ui/syncpage.py" line="77" />
        <source>导入区级回执文件</source>
        <translation>导入区级回执文件</translation>
    </message>
    <message>
        <location filename="../../ui/syncpage.py" line="106" />
        <source>同步完成：上传 {0} 条，接收 {1} 条</source>
        <translation>同步完成：上传 {0} 条，接收 {1} 条</translation>
    </message>
    <message>
        <location filename="../../ui/syncpage.py" line="138" />
        <source>CA 证书</source>
        <translation>CA 证书</translation>
    </message>
    <message>
        <location filename="../../ui/syncpage.py" line="154" />
        <location filename="../../ui/syncpage.py" line="243" />
        <source>未设置（只信任本机系统的证书）</source>
        <translation>未设置（只信任本机系统的证书）</translation>
    </message>
    <message>
        <location filename="../../ui/syncpage.py" line="158" />
        <source>选择CA证书…</source>
        <translation>选择CA证书…</translation>
    </message>
    <message>
        <location filename="../../ui/syncpage.py" line="161" />
        <source>清除</source>
        <translation>清除</translation>
    </message>
    <message>
        <location filename="../../ui/syncpage.py" line="200" />
        <source>未设置</source>
        <translation>未设置</translation>
    </message>
    <message>
        <location filename="../../ui/syncpage.py" line="207" />
        <source>本机</source>
        <translation>本机</translation>
    </message>
    <message>
        <location filename="../../ui/syncpage.py" line="209" />
        <source>其他电脑 %1</source>
        <translation>其他电脑 %1</translation>
    </message>
    <message>
        <location filename="../../ui/syncpage.py" line="218" />
        <source>已注册</source>
        <translation>已注册</translation>
    </message>
    <message>
        <location filename="../../ui/syncpage.py" line="218" />
        <source>未注册</source>
        <translation>未注册</translation>
    </message>
    <message>
        <location filename="../../ui/syncpage.py" line="226" />
        <source>空闲</source>
        <translation>空闲</translation>
    </message>
    <message>
        <location filename="../../ui/syncpage.py" line="227" />
        <source>上传中</source>
        <translation>上传中</translation>
    </message>
    <message>
        <location filename="../../ui/syncpage.py" line="228" />
        <source>接收中</source>
        <translation>接收中</translation>
    </message>
    <message>
        <location filename="../../ui/syncpage.py" line="235" />
        <source>已保存平台地址</source>
        <translation>已保存平台地址</translation>
    </message>
    <message>
        <location filename="../../ui/syncpage.py" line="246" />
        <source>{0}：{1}</source>
        <translation>{0}：{1}</translation>
    </message>
    <message>
        <location filename="../../ui/syncpage.py" line="249" />
        <source>{0}（{1}）</source>
        <translation>{0}（{1}）</translation>
    </message>
    <message>
        <location filename="../../ui/syncpage.py" line="260" />
        <source>已设置 CA 证书：{0}</source>
        <translation>已设置 CA 证书：{0}</translation>
    </message>
    <message>
        <location filename="../../ui/syncpage.py" line="274" />
        <source>已清除 CA 证书：只信任本机系统的证书</source>
        <translation>已清除 CA 证书：只信任本机系统的证书</translation>
    </message>
    <message>
        <location filename="../../ui/syncpage.py" line="288" />
        <source>注册成功：{0}</source>
        <translation>注册成功：{0}</translation>
    </message>
    <message>
        <location filename="../../ui/syncpage.py" line="318" />
        <source>没有待上传的事件和留痕，无需导出数据包</source>
        <translation>没有待上传的事件和留痕，无需导出数据包</translation>
    </message>
    <message>
        <location filename="../../ui/syncpage.py" line="323" />
        <source>导出数据包</source>
        <translation>导出数据包</translation>
    </message>
    <message>
        <location filename="../../ui/syncpage.py" line="323" />
        <source>数据包 (*.bundle)</source>
        <translation>数据包 (*.bundle)</translation>
    </message>
    <message>
        <location filename="../../ui/syncpage.py" line="334" />
        <source>已导出 {0} 个事件（序号 {1}–{2}）到 {3}</source>
        <translation>已导出 {0} 个事件（序号 {1}–{2}）到 {3}</translation>
    </message>
    <message>
        <location filename="../../ui/syncpage.py" line="344" />
        <source>导入回执文件</source>
        <translation>导入回执文件</translation>
    </message>
    <message>
        <location filename="../../ui/syncpage.py" line="348" />
        <source>已确认到序号 {0}</source>
        <translation>已确认到序号 {0}</translation>
    </message>
</context>
<context>
    <name>SyncService</name>
    <message>
        <location filename="../../ui/syncservice.py" line="93" />
        <source>选择区级平台的 CA 证书</source>
        <translation>选择区级平台的 CA 证书</translation>
    </message>
    <message>
        <location filename="../../ui/syncservice.py" line="95" />
        <source>证书 (*.pem *.crt *.cer);;所有文件 (*)</source>
        <translation>证书 (*.pem *.crt *.cer);;所有文件 (*)</translation>
    </message>
    <message>
        <location filename="../../ui/syncservice.py" line="121" />
        <source>{0} 等 {1} 张，有效期至 {2}</source>
        <translation>{0} 等 {1} 张，有效期至 {2}</translation>
    </message>
    <message>
        <location filename="../../ui/syncservice.py" line="124" />
        <source>{0}，有效期至 {1}</source>
        <translation>{0}，有效期至 {1}</translation>
    </message>
    <message>
        <location filename="../../ui/syncservice.py" line="133" />
        <source>{0} 秒</source>
        <translation>{0} 秒</translation>
    </message>
    <message>
        <location filename="../../ui/syncservice.py" line="135" />
        <source>{0} 分钟</source>
        <translation>{0} 分钟</translation>
    </message>
    <message>
        <location filename="../../ui/syncservice.py" line="137" />
        <source>{0} 小时</source>
        <translation>{0} 小时</translation>
    </message>
    <message>
        <location filename="../../ui/syncservice.py" line="138" />
        <source>{0} 天</source>
        <translation>{0} 天</translation>
    </message>
</context>
<context>
    <name>TransferDialog</name>
    <message>
        <location filename="../../ui/dialogs.py" line="271" />
        <source>转交给其他承办人</source>
        <translation>转交给其他承办人</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs.py" line="286" />
        <source>转交原因（可不填）</source>
        <translation>转交原因（可不填）</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs.py" line="288" />
        <source>转交给：</source>
        <translation>转交给：</translation>
    </message>
</context>
<context>
    <name>UserDialog</name>
    <message>
        <location filename="../../ui/admin.py" line="56" />
        <source>新建用户</source>
        <translation>新建用户</translation>
    </message>
    <message>
        <location filename="../../ui/admin.py" line="57" />
        <source>登录名</source>
        <translation>登录名</translation>
    </message>
    <message>
        <location filename="../../ui/admin.py" line="58" />
        <source>姓名</source>
        <translation>姓名</translation>
    </message>
    <message>
        <location filename="../../ui/admin.py" line="59" />
        <source>角色</source>
        <translation>角色</translation>
    </message>
    <message>
        <location filename="../../ui/admin.py" line="62" />
        <source>初始密码</source>
        <translation>初始密码</translation>
    </message>
    <message>
        <location filename="../../ui/_i18n_strings.py" line="221" />
        <source>窗口人员</source>
        <translation>窗口人员</translation>
    </message>
    <message>
        <location filename="../../ui/_i18n_strings.py" line="222" />
        <source>中心主任</source>
        <translation>中心主任</translation>
    </message>
    <message>
        <location filename="../../ui/_i18n_strings.py" line="223" />
        <source>系统管理员</source>
        <translation>系统管理员</translation>
    </message>
</context>
<context>
    <name>UsersTab</name>
    <message>
        <location filename="../../ui/admin.py" line="104" />
        <source>登录名</source>
        <translation>登录名</translation>
    </message>
    <message>
        <location filename="../../ui/admin.py" line="104" />
        <source>姓名</source>
        <translation>姓名</translation>
    </message>
    <message>
        <location filename="../../ui/admin.py" line="104" />
        <source>角色</source>
        <translation>角色</translation>
    </message>
    <message>
        <location filename="../../ui/admin.py" line="104" />
        <source>状态</source>
        <translation>状态</translation>
    </message>
    <message>
        <location filename="../../ui/admin.py" line="104" />
        <source>锁定</source>
        <translation>锁定</translation>
    </message>
    <message>
        <location filename="../../ui/admin.py" line="105" />
        <source>本机账户</source>
        <translation>本机账户</translation>
    </message>
    <message>
        <location filename="../../ui/admin.py" line="112" />
        <source>新建用户</source>
        <translation>新建用户</translation>
    </message>
    <message>
        <location filename="../../ui/admin.py" line="113" />
        <source>重置密码</source>
        <translation>重置密码</translation>
    </message>
    <message>
        <location filename="../../ui/admin.py" line="114" />
        <source>停用/启用</source>
        <translation>停用/启用</translation>
    </message>
    <message>
        <location filename="../../ui/admin.py" line="115" />
        <source>解锁</source>
        <translation>解锁</translation>
    </message>
    <message>
        <location filename="../../ui/admin.py" line="116" />
        <location filename="../../ui/admin.py" line="187" />
        <source>在本机开通</source>
        <translation>在本机开通</translation>
    </message>
    <message>
        <location filename="../../ui/admin.py" line="152" />
        <source>已锁定（至 {0}）</source>
        <translation>已锁定（至 {0}）</translation>
    </message>
    <message>
        <location filename="../../ui/admin.py" line="159" />
        <source>在用</source>
        <translation>在用</translation>
    </message>
    <message>
        <location filename="../../ui/admin.py" line="159" />
        <source>停用</source>
        <translation>停用</translation>
    </message>
    <message>
        <location filename="../../ui/admin.py" line="204" />
        <source>已重置 {0}（{1}）的密码</source>
        <translation>已重置 {0}（{1}）的密码</translation>
    </message>
    <message>
        <location filename="../../ui/admin.py" line="215" />
        <source>停用账户</source>
        <translation>停用账户</translation>
    </message>
    <message>
        <location filename="../../ui/admin.py" line="216" />
        <source>停用 {0} 的账户？停用后此人不能登录。</source>
        <translation>停用 {0} 的账户？停用后此人不能登录。</translation>
    </message>
    <message>
        <location filename="../../ui/admin.py" line="221" />
        <source>已停用 {0} 的账户</source>
        <translation>已停用 {0} 的账户</translation>
    </message>
    <message>
        <location filename="../../ui/admin.py" line="221" />
        <source>已启用 {0} 的账户</source>
        <translation>已启用 {0} 的账户</translation>
    </message>
    <message>
        <location filename="../../ui/admin.py" line="231" />
        <source>已解锁 {0}（{1}），现在可以登录</source>
        <translation>已解锁 {0}（{1}），现在可以登录</translation>
    </message>
    <message>
        <location filename="../../ui/admin.py" line="160" />
        <source>有</source>
        <translation>有</translation>
    </message>
    <message>
        <location filename="../../ui/admin.py" line="160" />
        <source>无（其他窗口电脑）</source>
        <translation>无（其他窗口电脑）</translation>
    </message>
    <message>
        <location filename="../../ui/admin.py" line="173" />
        <source>用户</source>
        <translation>用户</translation>
    </message>
    <message>
        <location filename="../../ui/admin.py" line="174" />
        <source>此人在本机已有账户。</source>
        <translation>此人在本机已有账户。</translation>
    </message>
    <message>
        <location filename="../../ui/admin.py" line="176" />
        <source>此人在本机还没有账户，请先点“在本机开通”。</source>
        <translation>此人在本机还没有账户，请先点“在本机开通”。</translation>
    </message>
    <message>
        <location filename="../../ui/admin.py" line="188" />
        <source>为 {0} 设置新密码（原密码只保存在原来的电脑上）</source>
        <translation>为 {0} 设置新密码（原密码只保存在原来的电脑上）</translation>
    </message>
    <message>
        <location filename="../../ui/_i18n_strings.py" line="218" />
        <source>窗口人员</source>
        <translation>窗口人员</translation>
    </message>
    <message>
        <location filename="../../ui/_i18n_strings.py" line="219" />
        <source>中心主任</source>
        <translation>中心主任</translation>
    </message>
    <message>
        <location filename="../../ui/_i18n_strings.py" line="220" />
        <source>系统管理员</source>
        <translation>系统管理员</translation>
    </message>
</context>
<context>
    <name>WorkListPage</name>
    <message>
        <location filename="../../ui/worklists.py" line="233" />
        <source>在本清单中筛选：姓名、编号或事项（回车）</source>
        <translation>在本清单中筛选：姓名、编号或事项（回车）</translation>
    </message>
    <message>
        <location filename="../../ui/worklists.py" line="237" />
        <source>刷新</source>
        <translation>刷新</translation>
    </message>
    <message>
        <location filename="../../ui/worklists.py" line="239" />
        <source>清除筛选</source>
        <translation>清除筛选</translation>
    </message>
    <message>
        <location filename="../../ui/worklists.py" line="241" />
        <source>显示整个清单</source>
        <translation>显示整个清单</translation>
    </message>
    <message>
        <location filename="../../ui/worklists.py" line="346" />
        <source>加载中…</source>
        <translation>加载中…</translation>
    </message>
    <message>
        <location filename="../../ui/worklists.py" line="370" />
        <source>{0} · {1}：{2} {3} 件</source>
        <translation>{0} · {1}：{2} {3} 件</translation>
    </message>
    <message>
        <location filename="../../ui/worklists.py" line="375" />
        <source>{0}：{1} 件</source>
        <translation>{0}：{1} 件</translation>
    </message>
    <message>
        <location filename="../../ui/worklists.py" line="386" />
        <source>搜索中…</source>
        <translation>搜索中…</translation>
    </message>
    <message>
        <location filename="../../ui/worklists.py" line="390" />
        <source>，向下滚动加载更多</source>
        <translation>，向下滚动加载更多</translation>
    </message>
    <message>
        <location filename="../../ui/worklists.py" line="392" />
        <source>按{0}搜索：{1} 件{2}</source>
        <translation>按{0}搜索：{1} 件{2}</translation>
    </message>
    <message>
        <location filename="../../ui/worklists.py" line="398" />
        <source>未搜索</source>
        <translation>未搜索</translation>
    </message>
    <message>
        <location filename="../../ui/_i18n_strings.py" line="244" />
        <source>状态</source>
        <translation>状态</translation>
    </message>
    <message>
        <location filename="../../ui/_i18n_strings.py" line="245" />
        <source>承办人</source>
        <translation>承办人</translation>
    </message>
    <message>
        <location filename="../../ui/_i18n_strings.py" line="246" />
        <source>所在部门</source>
        <translation>所在部门</translation>
    </message>
</context>
<context>
    <name>lists</name>
    <message>
        <location filename="../../ui/_i18n_strings.py" line="7" />
        <source>案件编号</source>
        <translation>案件编号</translation>
    </message>
    <message>
        <location filename="../../ui/_i18n_strings.py" line="8" />
        <source>申请人</source>
        <translation>申请人</translation>
    </message>
    <message>
        <location filename="../../ui/_i18n_strings.py" line="9" />
        <source>事项</source>
        <translation>事项</translation>
    </message>
    <message>
        <location filename="../../ui/_i18n_strings.py" line="10" />
        <source>状态</source>
        <translation>状态</translation>
    </message>
    <message>
        <location filename="../../ui/_i18n_strings.py" line="11" />
        <source>承办人</source>
        <translation>承办人</translation>
    </message>
    <message>
        <location filename="../../ui/_i18n_strings.py" line="12" />
        <source>受理日期</source>
        <translation>受理日期</translation>
    </message>
    <message>
        <location filename="../../ui/_i18n_strings.py" line="13" />
        <source>办结期限</source>
        <translation>办结期限</translation>
    </message>
    <message>
        <location filename="../../ui/_i18n_strings.py" line="14" />
        <source>当前环节</source>
        <translation>当前环节</translation>
    </message>
    <message>
        <location filename="../../ui/_i18n_strings.py" line="15" />
        <source>所在部门</source>
        <translation>所在部门</translation>
    </message>
    <message>
        <location filename="../../ui/_i18n_strings.py" line="16" />
        <source>补交期限</source>
        <translation>补交期限</translation>
    </message>
    <message>
        <location filename="../../ui/_i18n_strings.py" line="17" />
        <source>整改期限</source>
        <translation>整改期限</translation>
    </message>
    <message>
        <location filename="../../ui/_i18n_strings.py" line="18" />
        <source>终止情况</source>
        <translation>终止情况</translation>
    </message>
    <message>
        <location filename="../../ui/_i18n_strings.py" line="21" />
        <source>在办案件</source>
        <translation>在办案件</translation>
    </message>
    <message>
        <location filename="../../ui/_i18n_strings.py" line="28" />
        <source>待整改</source>
        <translation>待整改</translation>
    </message>
    <message>
        <location filename="../../ui/_i18n_strings.py" line="31" />
        <source>已受理（待送件）</source>
        <translation>已受理（待送件）</translation>
    </message>
    <message>
        <location filename="../../ui/_i18n_strings.py" line="32" />
        <source>已送部门</source>
        <translation>已送部门</translation>
    </message>
    <message>
        <location filename="../../ui/_i18n_strings.py" line="33" />
        <source>部门办理中</source>
        <translation>部门办理中</translation>
    </message>
    <message>
        <location filename="../../ui/_i18n_strings.py" line="34" />
        <source>待补正材料</source>
        <translation>待补正材料</translation>
    </message>
    <message>
        <location filename="../../ui/_i18n_strings.py" line="35" />
        <source>部门已出结果</source>
        <translation>部门已出结果</translation>
    </message>
    <message>
        <location filename="../../ui/_i18n_strings.py" line="36" />
        <source>结果已返回中心</source>
        <translation>结果已返回中心</translation>
    </message>
    <message>
        <location filename="../../ui/_i18n_strings.py" line="37" />
        <source>已通知领取</source>
        <translation>已通知领取</translation>
    </message>
    <message>
        <location filename="../../ui/_i18n_strings.py" line="38" />
        <source>已办结</source>
        <translation>已办结</translation>
    </message>
    <message>
        <location filename="../../ui/_i18n_strings.py" line="39" />
        <source>已中止</source>
        <translation>已中止</translation>
    </message>
    <message>
        <location filename="../../ui/_i18n_strings.py" line="40" />
        <source>已撤回</source>
        <translation>已撤回</translation>
    </message>
    <message>
        <location filename="../../ui/_i18n_strings.py" line="41" />
        <source>不予受理</source>
        <translation>不予受理</translation>
    </message>
    <message>
        <location filename="../../ui/_i18n_strings.py" line="29" />
        <source>已终止</source>
        <translation>已终止</translation>
    </message>
    <message>
        <location filename="../../ui/_i18n_strings.py" line="42" />
        <source>号码（证件号、电话或编号尾号）</source>
        <translation>号码（证件号、电话或编号尾号）</translation>
    </message>
    <message>
        <location filename="../../ui/_i18n_strings.py" line="43" />
        <source>姓名或事项</source>
        <translation>姓名或事项</translation>
    </message>
    <message>
        <location filename="../../ui/_i18n_strings.py" line="44" />
        <source>拼音</source>
        <translation>拼音</translation>
    </message>
    <message>
        <location filename="../../ui/_i18n_strings.py" line="45" />
        <source>文字</source>
        <translation>文字</translation>
    </message>
    <message>
        <location filename="../../ui/_i18n_strings.py" line="46" />
        <source>名称包含</source>
        <translation>名称包含</translation>
    </message>
    <message>
        <location filename="../../ui/_i18n_strings.py" line="47" />
        <source>姓名</source>
        <translation>姓名</translation>
    </message>
    <message>
        <location filename="../../ui/_i18n_strings.py" line="48" />
        <source>姓名包含</source>
        <translation>姓名包含</translation>
    </message>
    <message>
        <location filename="../../ui/_i18n_strings.py" line="49" />
        <source>姓名开头</source>
        <translation>姓名开头</translation>
    </message>
    <message>
        <location filename="../../ui/_i18n_strings.py" line="50" />
        <source>拼音全拼</source>
        <translation>拼音全拼</translation>
    </message>
    <message>
        <location filename="../../ui/_i18n_strings.py" line="51" />
        <source>拼音开头</source>
        <translation>拼音开头</translation>
    </message>
    <message>
        <location filename="../../ui/_i18n_strings.py" line="52" />
        <source>拼音首字母</source>
        <translation>拼音首字母</translation>
    </message>
    <message>
        <location filename="../../ui/_i18n_strings.py" line="53" />
        <source>案件编号尾号</source>
        <translation>案件编号尾号</translation>
    </message>
    <message>
        <location filename="../../ui/_i18n_strings.py" line="54" />
        <source>案件编号开头</source>
        <translation>案件编号开头</translation>
    </message>
    <message>
        <location filename="../../ui/_i18n_strings.py" line="55" />
        <source>电话</source>
        <translation>电话</translation>
    </message>
    <message>
        <location filename="../../ui/_i18n_strings.py" line="56" />
        <source>电话尾号</source>
        <translation>电话尾号</translation>
    </message>
    <message>
        <location filename="../../ui/_i18n_strings.py" line="57" />
        <source>证件号尾号</source>
        <translation>证件号尾号</translation>
    </message>
    <message>
        <location filename="../../ui/_i18n_strings.py" line="58" />
        <source>证件号码</source>
        <translation>证件号码</translation>
    </message>
    <message>
        <location filename="../../ui/_i18n_strings.py" line="19" />
        <source>我的在办</source>
        <translation>我的在办</translation>
    </message>
    <message>
        <location filename="../../ui/_i18n_strings.py" line="20" />
        <source>今日受理</source>
        <translation>今日受理</translation>
    </message>
    <message>
        <location filename="../../ui/_i18n_strings.py" line="22" />
        <source>待送件</source>
        <translation>待送件</translation>
    </message>
    <message>
        <location filename="../../ui/_i18n_strings.py" line="23" />
        <source>在部门</source>
        <translation>在部门</translation>
    </message>
    <message>
        <location filename="../../ui/_i18n_strings.py" line="24" />
        <source>结果已回</source>
        <translation>结果已回</translation>
    </message>
    <message>
        <location filename="../../ui/_i18n_strings.py" line="25" />
        <source>红黄灯</source>
        <translation>红黄灯</translation>
    </message>
    <message>
        <location filename="../../ui/_i18n_strings.py" line="26" />
        <source>待补材料</source>
        <translation>待补材料</translation>
    </message>
    <message>
        <location filename="../../ui/_i18n_strings.py" line="27" />
        <source>待评价</source>
        <translation>待评价</translation>
    </message>
    <message>
        <location filename="../../ui/_i18n_strings.py" line="30" />
        <source>全部案件</source>
        <translation>全部案件</translation>
    </message>
</context>
<context>
    <name>ops</name>
    <message>
        <location filename="../../ui/_i18n_strings.py" line="333" />
        <source>输入有误</source>
        <translation>输入有误</translation>
    </message>
    <message>
        <location filename="../../ui/_i18n_strings.py" line="334" />
        <source>请改正后再试。</source>
        <translation>请改正后再试。</translation>
    </message>
    <message>
        <location filename="../../ui/_i18n_strings.py" line="335" />
        <source>当前不能这样操作</source>
        <translation>当前不能这样操作</translation>
    </message>
    <message>
        <location filename="../../ui/_i18n_strings.py" line="336" />
        <source>请按案件当前状态选择可用的操作。</source>
        <translation>请按案件当前状态选择可用的操作。</translation>
    </message>
    <message>
        <location filename="../../ui/_i18n_strings.py" line="337" />
        <source>没有找到</source>
        <translation>没有找到</translation>
    </message>
    <message>
        <location filename="../../ui/_i18n_strings.py" line="338" />
        <source>请核对编号或名称。</source>
        <translation>请核对编号或名称。</translation>
    </message>
    <message>
        <location filename="../../ui/_i18n_strings.py" line="339" />
        <source>事项目录有问题</source>
        <translation>事项目录有问题</translation>
    </message>
    <message>
        <location filename="../../ui/_i18n_strings.py" line="340" />
        <source>请联系技术人员更换目录文件。</source>
        <translation>请联系技术人员更换目录文件。</translation>
    </message>
    <message>
        <location filename="../../ui/_i18n_strings.py" line="341" />
        <source>数据文件读写失败</source>
        <translation>数据文件读写失败</translation>
    </message>
    <message>
        <location filename="../../ui/_i18n_strings.py" line="342" />
        <source>请检查磁盘空间，必要时联系技术人员从备份恢复。</source>
        <translation>请检查磁盘空间，必要时联系技术人员从备份恢复。</translation>
    </message>
    <message>
        <location filename="../../ui/_i18n_strings.py" line="343" />
        <source>数据文件正被使用</source>
        <translation>数据文件正被使用</translation>
    </message>
    <message>
        <location filename="../../ui/_i18n_strings.py" line="344" />
        <source>本机数据未动。</source>
        <translation>本机数据未动。</translation>
    </message>
    <message>
        <location filename="../../ui/_i18n_strings.py" line="345" />
        <source>数据校验未通过</source>
        <translation>数据校验未通过</translation>
    </message>
    <message>
        <location filename="../../ui/_i18n_strings.py" line="346" />
        <source>请立即联系技术人员，不要继续办理。</source>
        <translation>请立即联系技术人员，不要继续办理。</translation>
    </message>
    <message>
        <location filename="../../ui/_i18n_strings.py" line="347" />
        <source>打不开加密的数据文件</source>
        <translation>打不开加密的数据文件</translation>
    </message>
    <message>
        <location filename="../../ui/_i18n_strings.py" line="348" />
        <source>请联系技术人员（运维手册“数据库密钥”一节），不要删除数据文件。</source>
        <translation>请联系技术人员（运维手册“数据库密钥”一节），不要删除数据文件。</translation>
    </message>
    <message>
        <location filename="../../ui/_i18n_strings.py" line="349" />
        <source>连不上区级平台</source>
        <translation>连不上区级平台</translation>
    </message>
    <message>
        <location filename="../../ui/_i18n_strings.py" line="350" />
        <source>数据已保存在本机，联网后会自动上传。</source>
        <translation>数据已保存在本机，联网后会自动上传。</translation>
    </message>
    <message>
        <location filename="../../ui/_i18n_strings.py" line="351" />
        <source>同步凭据不可用</source>
        <translation>同步凭据不可用</translation>
    </message>
    <message>
        <location filename="../../ui/_i18n_strings.py" line="352" />
        <source>请技术人员运行自检（counterdesk-cli --self-test）或重新注册。</source>
        <translation>请技术人员运行自检（counterdesk-cli --self-test）或重新注册。</translation>
    </message>
    <message>
        <location filename="../../ui/_i18n_strings.py" line="353" />
        <source>本机尚未注册</source>
        <translation>本机尚未注册</translation>
    </message>
    <message>
        <location filename="../../ui/_i18n_strings.py" line="354" />
        <source>请在“系统管理 → 同步”中用注册码注册。</source>
        <translation>请在“系统管理 → 同步”中用注册码注册。</translation>
    </message>
    <message>
        <location filename="../../ui/_i18n_strings.py" line="355" />
        <source>本机仅离线使用</source>
        <translation>本机仅离线使用</translation>
    </message>
    <message>
        <location filename="../../ui/_i18n_strings.py" line="357" />
        <source>区级平台拒绝了请求</source>
        <translation>区级平台拒绝了请求</translation>
    </message>
    <message>
        <location filename="../../ui/_i18n_strings.py" line="358" />
        <source>请把提示告诉区级平台管理员。</source>
        <translation>请把提示告诉区级平台管理员。</translation>
    </message>
    <message>
        <location filename="../../ui/_i18n_strings.py" line="359" />
        <source>同步未完成</source>
        <translation>同步未完成</translation>
    </message>
    <message>
        <location filename="../../ui/_i18n_strings.py" line="360" />
        <source>数据已保存在本机，稍后会再试。</source>
        <translation>数据已保存在本机，稍后会再试。</translation>
    </message>
    <message>
        <location filename="../../ui/_i18n_strings.py" line="361" />
        <source>操作未完成</source>
        <translation>操作未完成</translation>
    </message>
    <message>
        <location filename="../../ui/_i18n_strings.py" line="362" />
        <source>请重试，或联系技术人员。</source>
        <translation>请重试，或联系技术人员。</translation>
    </message>
    <message>
        <location filename="../../ui/_i18n_strings.py" line="363" />
        <source>程序内部错误</source>
        <translation>程序内部错误</translation>
    </message>
    <message>
        <location filename="../../ui/_i18n_strings.py" line="364" />
        <source>操作未完成：{0}

请联系技术人员（已写入日志）。</source>
        <translation>操作未完成：{0}

请联系技术人员（已写入日志）。</translation>
    </message>
    <message>
        <location filename="../../ui/_i18n_strings.py" line="365" />
        <source>未能与区级平台建立加密连接</source>
        <translation>未能与区级平台建立加密连接</translation>
    </message>
    <message>
        <location filename="../../ui/_i18n_strings.py" line="366" />
        <source>请求没有到达区级平台：请本机的技术人员按上面的提示处理。</source>
        <translation>请求没有到达区级平台：请本机的技术人员按上面的提示处理。</translation>
    </message>
    <message>
        <location filename="../../ui/_i18n_strings.py" line="367" />
        <source>本机没有发出请求</source>
        <translation>本机没有发出请求</translation>
    </message>
    <message>
        <location filename="../../ui/_i18n_strings.py" line="368" />
        <source>请技术人员在“系统管理 → 同步”改正区级平台的地址。</source>
        <translation>请技术人员在“系统管理 → 同步”改正区级平台的地址。</translation>
    </message>
    <message>
        <location filename="../../ui/_i18n_strings.py" line="356" />
        <source>数据已保存在本机。</source>
        <translation>数据已保存在本机。</translation>
    </message>
</context>
<context>
    <name>parent</name>
    <message>
        <location filename="../../ui/reveal.py" line="21" />
        <source>显示完整信息</source>
        <translation>显示完整信息</translation>
    </message>
    <message>
        <location filename="../../ui/reveal.py" line="24" />
        <source>显示完整证件号和电话会留痕（谁、何时、哪位群众）。
事由（可不填，回车继续，Esc 取消）：</source>
        <translation>显示完整证件号和电话会留痕（谁、何时、哪位群众）。
事由（可不填，回车继续，Esc 取消）：</translation>
    </message>
</context>
<context>
    <name>preview</name>
    <message>
        <location filename="../../ui/_i18n_strings.py" line="137" />
        <source>受理回执（热敏）</source>
        <translation>受理回执（热敏）</translation>
    </message>
    <message>
        <location filename="../../ui/_i18n_strings.py" line="138" />
        <source>受理回执（A4）</source>
        <translation>受理回执（A4）</translation>
    </message>
    <message>
        <location filename="../../ui/_i18n_strings.py" line="139" />
        <source>一次性告知书</source>
        <translation>一次性告知书</translation>
    </message>
    <message>
        <location filename="../../ui/_i18n_strings.py" line="140" />
        <source>不予受理通知书</source>
        <translation>不予受理通知书</translation>
    </message>
    <message>
        <location filename="../../ui/_i18n_strings.py" line="141" />
        <source>容缺受理承诺书</source>
        <translation>容缺受理承诺书</translation>
    </message>
    <message>
        <location filename="../../ui/_i18n_strings.py" line="142" />
        <source>申请表</source>
        <translation>申请表</translation>
    </message>
    <message>
        <location filename="../../ui/_i18n_strings.py" line="143" />
        <source>送件交接单</source>
        <translation>送件交接单</translation>
    </message>
    <message>
        <location filename="../../ui/_i18n_strings.py" line="144" />
        <source>结果返回清单</source>
        <translation>结果返回清单</translation>
    </message>
    <message>
        <location filename="../../ui/_i18n_strings.py" line="145" />
        <source>办结通知（领取单）</source>
        <translation>办结通知（领取单）</translation>
    </message>
    <message>
        <location filename="../../ui/_i18n_strings.py" line="146" />
        <source>好差评评价单</source>
        <translation>好差评评价单</translation>
    </message>
    <message>
        <location filename="../../ui/_i18n_strings.py" line="147" />
        <source>中心日报</source>
        <translation>中心日报</translation>
    </message>
    <message>
        <location filename="../../ui/_i18n_strings.py" line="148" />
        <source>中心月报</source>
        <translation>中心月报</translation>
    </message>
    <message>
        <location filename="../../ui/preview.py" line="335" />
        <source>{0}已送打印机 {1}</source>
        <translation>{0}已送打印机 {1}</translation>
    </message>
    <message>
        <location filename="../../ui/preview.py" line="337" />
        <source>{0}已在打印预览中（Ctrl+P 打印）</source>
        <translation>{0}已在打印预览中（Ctrl+P 打印）</translation>
    </message>
</context>
<context><name>QFileDialog</name><message><source>&amp;Look in:</source><translation>查找范围(&amp;L)：</translation></message><message><source>Files of &amp;type:</source><translation>文件类型(&amp;T)：</translation></message></context></TS>