; Inno Setup script: per-machine install of the one-folder bundle built by build.spec.
; Needs Inno Setup 6.3 or later (x64compatible, ExecAndCaptureOutput); CI pins 6.4.1,
; the npm package `innosetup`, on Windows and under wine (tools/compile_installer.sh).
;
;   ISCC.exe /DAppVersion=0.2.0 /DBundleDir=..\dist\CounterDesk installer\counterdesk.iss
;
; Program files go to {autopf}\CounterDesk (read-only for clerks). Data never does: the
; store, its pre-upgrade backups, the logs and the device secret live in the machine-wide
; folder {commonappdata}\CounterDesk (C:\ProgramData\CounterDesk), the same for every
; Windows account on the PC; this script grants the Users group modify rights on it.
; Uninstalling keeps it.
;
; Silent mass install (IT), run elevated or as SYSTEM by a deployment tool:
;   CounterDesk-Setup-0.2.0.exe /VERYSILENT /SUPPRESSMSGBOXES /NORESTART /SP- /LOG="C:\cd-install.log" /CONFIG="D:\center.toml"
; /CONFIG runs `counterdesk-cli setup --no-prompt --config FILE` after installing: it never
; asks anything (the admin password comes from the file's admin.password_env variable),
; its output goes into the setup log, and when it fails setup exits with code 10.
; Silent uninstall: unins000.exe /VERYSILENT

#if VER < EncodeVer(6, 3, 0)
  #error 此脚本需要 Inno Setup 6.3 或更高版本 / this script needs Inno Setup 6.3 or later
#endif

#ifndef AppVersion
  #define AppVersion "0.1.0"
#endif
#ifndef BundleDir
  #define BundleDir "..\dist\CounterDesk"
#endif
; Tests compile with /DCompression=zip/1 to save minutes; releases use the default.
#ifndef Compression
  #define Compression "lzma2/max"
#endif
; Exit code of setup when the files are installed but the first-run setup (/CONFIG) failed.
#define SetupStepFailedExitCode 10

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
; PySide6 6.x ships only 64-bit Windows wheels.
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
; Windows 10 1809 (LTSC 2019) / Server 2019: the oldest Windows Qt 6 supports. PySide6 6.12's
; DLLs do not load before 1703, so Windows 7, 8.1 and 10 1607 (LTSB 2016) are refused here
; with a clear message instead of a program that cannot start (docs/operators-guide.md §1.1).
MinVersion=10.0.17763
OutputDir=..\dist
OutputBaseFilename=CounterDesk-Setup-{#AppVersion}
Compression={#Compression}
SolidCompression=yes
WizardStyle=modern
UninstallDisplayName=CounterDesk 全程代办 {#AppVersion}
UninstallDisplayIcon={app}\counterdesk.exe
CloseApplications=yes
CloseApplicationsFilter=*.exe,*.dll,*.pyd
RestartApplications=no
SetupLogging=yes

[Languages]
; Inno Setup ships no Simplified Chinese: this file is the project's own translation.
Name: "chinesesimplified"; MessagesFile: "ChineseSimplified.isl"
Name: "english"; MessagesFile: "compiler:Default.isl"

[CustomMessages]
chinesesimplified.RunningSetup=正在按配置文件完成首次设置…
english.RunningSetup=Applying the first-run configuration…
chinesesimplified.SetupStepFailed=程序已安装，但按配置文件的首次设置没有完成（退出码 %1）：%n%n%2%n%n请改正配置文件后，在“CounterDesk 命令行”里运行：%ncounterdesk-cli setup --config 配置文件%n详细信息在安装日志中。
english.SetupStepFailed=The program is installed, but the first-run setup from the config file failed (exit code %1):%n%n%2%n%nFix the file, then run in the CounterDesk console:%ncounterdesk-cli setup --config FILE%nThe setup log has the details.
chinesesimplified.DataKept=程序已卸载。案件数据、备份、日志和本机同步凭据仍保留在 %1，重新安装后可继续使用。
english.DataKept=The program is removed. Cases, backups, logs and this PC's sync credentials are kept in %1.

[Tasks]
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"; GroupDescription: "{cm:AdditionalIcons}"

[Dirs]
; The machine-wide data folder: every Windows account on this PC opens the same store and
; the same device secret, so the Users group may create and change files in it.
Name: "{commonappdata}\CounterDesk"; Permissions: users-modify; Flags: uninsneveruninstall

[InstallDelete]
; An upgrade replaces the bundle's libraries as a whole: files an older version shipped
; and the new one does not (a Qt plugin, a .pyd) must not stay behind to be loaded.
Type: filesandordirs; Name: "{app}\_internal"

[Files]
Source: "{#BundleDir}\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs
Source: "center.example.toml"; DestDir: "{app}"; Flags: ignoreversion

[Icons]
; The console shortcuts start cmd in {app} and name counterdesk-cli.exe without a path, so
; no quoted path with spaces (C:\Program Files\…) reaches cmd's /k quote stripping.
Name: "{group}\CounterDesk 全程代办"; Filename: "{app}\counterdesk.exe"
Name: "{group}\CounterDesk 自检 (self-test)"; Filename: "{cmd}"; Parameters: "/k counterdesk-cli.exe --self-test"; WorkingDir: "{app}"
Name: "{group}\CounterDesk 诊断包 (diagnostics)"; Filename: "{cmd}"; Parameters: "/k counterdesk-cli.exe diagnostics --out ""%USERPROFILE%\Desktop\counterdesk-diagnostics.zip"""; WorkingDir: "{app}"
Name: "{group}\CounterDesk 命令行 (IT console)"; Filename: "{cmd}"; Parameters: "/k counterdesk-cli.exe --help"; WorkingDir: "{app}"
Name: "{group}\{cm:UninstallProgram,CounterDesk}"; Filename: "{uninstallexe}"
Name: "{autodesktop}\CounterDesk 全程代办"; Filename: "{app}\counterdesk.exe"; Tasks: desktopicon

[Run]
Filename: "{app}\counterdesk.exe"; Description: "{cm:LaunchProgram,CounterDesk}"; Flags: nowait postinstall skipifsilent

[UninstallDelete]
; Only what the program itself wrote into {app}. The data folder is never touched.
Type: filesandordirs; Name: "{app}\_internal\__pycache__"

[Code]
var
  SetupStepFailed: Boolean;

function ConfigFile(): String;
begin
  Result := ExpandConstant('{param:CONFIG}');
end;

procedure LogLines(const Prefix: String; const Lines: TArrayOfString; var Last: String);
var
  I: Integer;
begin
  for I := 0 to GetArrayLength(Lines) - 1 do
  begin
    Log(Prefix + Lines[I]);
    if Trim(Lines[I]) <> '' then
      Last := Trim(Lines[I]);
  end;
end;

{ Runs the first-run setup from the /CONFIG file. It never prompts (no console in a silent
  install); its output goes into the setup log; a failure sets the setup's exit code. }
procedure RunFirstSetup();
var
  ResultCode: Integer;
  Output: TExecOutput;
  Params, Last: String;
begin
  Params := 'setup --no-prompt --config "' + ConfigFile() + '"';
  Log('First-run setup: counterdesk-cli.exe ' + Params);
  WizardForm.StatusLabel.Caption := CustomMessage('RunningSetup');
  Last := '';
  if not ExecAndCaptureOutput(ExpandConstant('{app}\counterdesk-cli.exe'), Params,
      ExpandConstant('{app}'), SW_HIDE, ewWaitUntilTerminated, ResultCode, Output) then
  begin
    Last := SysErrorMessage(ResultCode);
    Log('First-run setup could not start: ' + Last);
    ResultCode := -1;
  end
  else
  begin
    LogLines('setup: ', Output.StdOut, Last);
    LogLines('setup (stderr): ', Output.StdErr, Last);
    Log(Format('First-run setup exit code: %d', [ResultCode]));
  end;
  if ResultCode <> 0 then
  begin
    SetupStepFailed := True;
    SuppressibleMsgBox(FmtMessage(CustomMessage('SetupStepFailed'), [IntToStr(ResultCode), Last]),
      mbError, MB_OK, IDOK);
  end;
end;

procedure CurStepChanged(CurStep: TSetupStep);
begin
  if (CurStep = ssPostInstall) and (ConfigFile() <> '') then
    RunFirstSetup();
end;

function GetCustomSetupExitCode(): Integer;
begin
  if SetupStepFailed then
    Result := {#SetupStepFailedExitCode}
  else
    Result := 0;
end;

procedure CurUninstallStepChanged(CurUninstallStep: TUninstallStep);
begin
  if (CurUninstallStep = usPostUninstall) and not UninstallSilent() then
    MsgBox(FmtMessage(CustomMessage('DataKept'), [ExpandConstant('{commonappdata}\CounterDesk')]),
      mbInformation, MB_OK);
end;
