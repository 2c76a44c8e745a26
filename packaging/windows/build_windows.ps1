# Build the Windows installer of ShopInsight (run on Windows; PyInstaller does not cross-compile).
#   powershell -ExecutionPolicy Bypass -File packaging\windows\build_windows.ps1 -Flavour lite
# Needs: Python 3.11 venv in .venv with `pip install -e ".[package]"` (plus tensorflow for full),
# Inno Setup 6 (`choco install innosetup`, puts iscc.exe on PATH).
param([ValidateSet("lite", "full")][string]$Flavour = "lite")
$ErrorActionPreference = "Stop"
Set-Location (Join-Path $PSScriptRoot "..\..")
$py = ".venv\Scripts\python.exe"
$version = & $py -c "import tomllib;print(tomllib.load(open('pyproject.toml','rb'))['project']['version'])"
$env:SHOPINSIGHT_FLAVOUR = $Flavour
& $py -m PyInstaller --noconfirm --clean --distpath "dist\$Flavour" --workpath "build\$Flavour" packaging\shopinsight.spec
if ($LASTEXITCODE) { throw "PyInstaller failed" }
# smoke: the console twin, offscreen
$env:QT_QPA_PLATFORM = "offscreen"
& "dist\$Flavour\shopinsight\shopinsight-cli.exe" gui --smoke --json
if ($LASTEXITCODE) { throw "smoke test failed" }
Remove-Item Env:QT_QPA_PLATFORM
iscc "/DFlavour=$Flavour" "/DAppVersion=$version" packaging\windows\shopinsight.iss
if ($LASTEXITCODE) { throw "Inno Setup failed" }
Get-Item "dist\ShopInsight-$Flavour-$version-setup.exe"
