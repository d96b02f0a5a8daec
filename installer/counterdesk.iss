; Inno Setup 6 script: per-machine install of the one-folder bundle built by build.spec.
;
;   iscc /DAppVersion=0.1.0 /DBundleDir=..\dist\CounterDesk installer\counterdesk.iss
;
; Program files go to {autopf}\CounterDesk (read-only for clerks). Data never does:
; the store lives in each user's data folder (%LOCALAPPDATA%\CounterDesk, platformdirs)
; and logs in %LOCALAPPDATA%\CounterDesk\Logs, so uninstalling keeps every case.
;
; Silent mass install (IT):  CounterDesk-Setup-0.1.0.exe /VERYSILENT /SUPPRESSMSGBOXES /NORESTART /SP- /LOG="C:\cd-install.log" /CONFIG="D:\center.toml"
; /CONFIG runs `counterdesk-cli setup --config FILE` after installing (the admin password
; from the file's admin.password_env variable). Silent uninstall: unins000.exe /VERYSILENT

#ifndef AppVersion
  #define AppVersion "0.1.0"
#endif
#ifndef BundleDir
  #define BundleDir "..\dist\CounterDesk"
#endif

[Setup]
AppId={{6F1C2A8E-3B7D-4E59-9A0C-C0D1E5A7B2F4}
AppName=CounterDesk 全程代办
AppVersion={#AppVersion}
AppVerName=CounterDesk 全程代办 {#AppVersion}
AppPublisher=CounterDesk
DefaultDirName={autopf}\CounterDesk
DefaultGroupName=CounterDesk 全程代办
DisableProgramGroupPage=yes
PrivilegesRequired=admin
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
MinVersion=6.1sp1
OutputDir=..\dist
OutputBaseFilename=CounterDesk-Setup-{#AppVersion}
Compression=lzma2/max
SolidCompression=yes
WizardStyle=modern
UninstallDisplayName=CounterDesk 全程代办 {#AppVersion}
UninstallDisplayIcon={app}\counterdesk.exe
CloseApplications=yes
RestartApplications=no
SetupLogging=yes

[Languages]
Name: "chinesesimplified"; MessagesFile: "compiler:Languages\ChineseSimplified.isl"
Name: "english"; MessagesFile: "compiler:Default.isl"

[Tasks]
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"; GroupDescription: "{cm:AdditionalIcons}"

[Files]
Source: "{#BundleDir}\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs
Source: "center.example.toml"; DestDir: "{app}"; Flags: ignoreversion

[Icons]
Name: "{group}\CounterDesk 全程代办"; Filename: "{app}\counterdesk.exe"
Name: "{group}\CounterDesk 自检 (self-test)"; Filename: "{cmd}"; Parameters: "/k ""{app}\counterdesk-cli.exe"" --self-test"
Name: "{group}\CounterDesk 诊断包 (diagnostics)"; Filename: "{cmd}"; Parameters: "/k ""{app}\counterdesk-cli.exe"" diagnostics --out ""%USERPROFILE%\Desktop\counterdesk-diagnostics.zip"""
Name: "{group}\CounterDesk 命令行 (IT console)"; Filename: "{cmd}"; Parameters: "/k cd /d ""{app}"" && counterdesk-cli.exe --help"
Name: "{group}\{cm:UninstallProgram,CounterDesk}"; Filename: "{uninstallexe}"
Name: "{autodesktop}\CounterDesk 全程代办"; Filename: "{app}\counterdesk.exe"; Tasks: desktopicon

[Run]
Filename: "{app}\counterdesk-cli.exe"; Parameters: "setup --config ""{param:CONFIG}"""; StatusMsg: "正在按配置文件完成首次设置…"; Flags: runhidden waituntilterminated; Check: HasConfig
Filename: "{app}\counterdesk.exe"; Description: "{cm:LaunchProgram,CounterDesk}"; Flags: nowait postinstall skipifsilent

[UninstallDelete]
; Only what the program itself wrote into {app}. The data folder is never touched.
Type: filesandordirs; Name: "{app}\_internal\__pycache__"

[Code]
function HasConfig(): Boolean;
begin
  Result := ExpandConstant('{param:CONFIG}') <> '';
end;

procedure CurUninstallStepChanged(CurUninstallStep: TUninstallStep);
begin
  if (CurUninstallStep = usPostUninstall) and not UninstallSilent() then
    MsgBox('程序已卸载。案件数据、备份和日志仍保留在 %LOCALAPPDATA%\CounterDesk，' +
           '重新安装后可继续使用。' + #13#10 +
           'The program is removed. Cases, backups and logs are kept in ' +
           '%LOCALAPPDATA%\CounterDesk.', mbInformation, MB_OK);
end;
