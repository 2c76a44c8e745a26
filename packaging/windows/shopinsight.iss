; Inno Setup script for the Windows installer of ShopInsight (Inno Setup 6).
; Built on Windows only (this project's CI: .github/workflows/package.yml):
;   set SHOPINSIGHT_FLAVOUR=lite
;   pyinstaller --noconfirm --distpath dist\lite --workpath build\lite packaging\shopinsight.spec
;   iscc /DFlavour=lite /DAppVersion=0.1.0 packaging\windows\shopinsight.iss
; Output: dist\ShopInsight-<flavour>-<version>-setup.exe.  A per-user install (no admin rights):
; shop owners often have no administrator account.

#ifndef Flavour
  #define Flavour "lite"
#endif
#ifndef AppVersion
  #define AppVersion "0.1.0"
#endif
#define AppName "ShopInsight"
#define SourceDir "..\..\dist\" + Flavour + "\shopinsight"

[Setup]
; one AppId for both editions: installing one replaces the other
AppId={{7C3E2B7A-5D1F-4E8B-9A4C-2F6DB3A1C0DE}
AppName={#AppName}
AppVersion={#AppVersion}
AppVerName={#AppName} {#AppVersion} ({#Flavour})
AppPublisher=ShopInsight team
AppCopyright=MIT licence. Sample data: UCI Online Retail, CC BY 4.0
DefaultDirName={autopf}\{#AppName}
DefaultGroupName={#AppName}
PrivilegesRequired=lowest
PrivilegesRequiredOverridesAllowed=dialog
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
LicenseFile=..\LICENSE.txt
SetupIconFile=..\..\resources\icons\shopinsight.ico
UninstallDisplayIcon={app}\ShopInsight.exe
OutputDir=..\..\dist
OutputBaseFilename=ShopInsight-{#Flavour}-{#AppVersion}-setup
Compression=lzma2/max
SolidCompression=yes
WizardStyle=modern
ChangesAssociations=yes
ChangesEnvironment=yes

[Languages]
Name: "en"; MessagesFile: "compiler:Default.isl"
; Chinese (Simplified) ships as an unofficial translation: download ChineseSimplified.isl from
; https://jrsoftware.org/files/istrans/ into Inno Setup's Languages\ folder, then uncomment:
; Name: "zh_CN"; MessagesFile: "compiler:Languages\ChineseSimplified.isl"

[Tasks]
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"; GroupDescription: "{cm:AdditionalIcons}"
Name: "addtopath"; Description: "Add the shopinsight command to PATH"; GroupDescription: "Command line:"; Flags: unchecked

[Files]
; the whole PyInstaller folder: ShopInsight.exe (windowed), shopinsight-cli.exe (console), _internal\
Source: "{#SourceDir}\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs
Source: "..\LICENSE.txt"; DestDir: "{app}"; Flags: ignoreversion

[Icons]
Name: "{group}\{#AppName}"; Filename: "{app}\ShopInsight.exe"
Name: "{group}\Uninstall {#AppName}"; Filename: "{uninstallexe}"
Name: "{autodesktop}\{#AppName}"; Filename: "{app}\ShopInsight.exe"; Tasks: desktopicon

[Registry]
; .shop files open in ShopInsight (per user: HKCU via HKA when installed without admin rights)
Root: HKA; Subkey: "Software\Classes\.shop"; ValueType: string; ValueName: ""; ValueData: "ShopInsight.Shop"; Flags: uninsdeletevalue
Root: HKA; Subkey: "Software\Classes\ShopInsight.Shop"; ValueType: string; ValueName: ""; ValueData: "ShopInsight shop"; Flags: uninsdeletekey
Root: HKA; Subkey: "Software\Classes\ShopInsight.Shop\DefaultIcon"; ValueType: string; ValueName: ""; ValueData: "{app}\ShopInsight.exe,0"
Root: HKA; Subkey: "Software\Classes\ShopInsight.Shop\shell\open\command"; ValueType: string; ValueName: ""; ValueData: """{app}\ShopInsight.exe"" gui ""%1"""
Root: HKCU; Subkey: "Environment"; ValueType: expandsz; ValueName: "Path"; ValueData: "{olddata};{app}"; Tasks: addtopath; Check: NeedsAddPath(ExpandConstant('{app}'))

[Run]
Filename: "{app}\ShopInsight.exe"; Description: "{cm:LaunchProgram,{#AppName}}"; Flags: nowait postinstall skipifsilent

[Code]
function NeedsAddPath(Param: string): boolean;
var
  OrigPath: string;
begin
  if not RegQueryStringValue(HKEY_CURRENT_USER, 'Environment', 'Path', OrigPath) then
  begin
    Result := True;
    exit;
  end;
  Result := Pos(';' + Uppercase(Param) + ';', ';' + Uppercase(OrigPath) + ';') = 0;
end;
