#!/usr/bin/env pwsh
#Requires -Version 7.0
# Flash the nanoFramework firmware, store Wi-Fi credentials and deploy ThermoDev with nanoff.
# Same commands as thermodev-flash.sh; see README.md next to this file.
[CmdletBinding(PositionalBinding = $false)]
param(
    [Parameter(Position = 0)] [string] $Command,
    [string] $Port,
    [string] $Target = 'ESP32_PSRAM_REV0',
    [string] $Ssid,
    [string] $Image,
    [switch] $MassErase,
    [switch] $Update,
    [switch] $DryRun,
    [switch] $Help,
    [Parameter(ValueFromRemainingArguments = $true)] [string[]] $Rest
)

$ErrorActionPreference = 'Stop'
$PSNativeCommandUseErrorActionPreference = $false
$Root = Split-Path -Parent $PSScriptRoot
if (-not $PSBoundParameters.ContainsKey('Image')) {
    $Image = Join-Path $Root 'ThermoDev' 'bin' 'Release' 'ThermoDev.bin'
}

$Usage = @"
Usage: thermodev-flash.ps1 <command> [options] [-DryRun]

Commands:
  tools      install nanoff if it is missing (with -Update: update it)
  ports      list the serial ports
  targets    list the ESP32 firmware targets
  firmware   flash the nanoFramework firmware   (-Port, [-Target], [-MassErase])
  wifi       store Wi-Fi credentials on the device (-Port, -Ssid)
  deploy     deploy the ThermoDev image          (-Port, [-Image])
  all        firmware, wifi and deploy, in this order; stops at the first failure

Options:
  -Port <port>     serial port, e.g. COM3 or /dev/ttyUSB0
  -Target <name>   firmware target (default ESP32_PSRAM_REV0)
  -MassErase       erase the whole flash before writing the firmware
  -Ssid <ssid>     Wi-Fi network name (1 to 32 characters)
  -Image <path>    app image (default ThermoDev/bin/Release/ThermoDev.bin in the repository)
  -Update          tools: update nanoff even when it is installed
  -DryRun          print the commands without running them
  -Help            show this help

The Wi-Fi password (up to 64 characters) comes from THERMODEV_WIFI_PASSWORD or,
when that is empty, from a hidden prompt. It is never printed.
"@

function Exit-Usage([string] $Message) {
    [Console]::Error.WriteLine("error: $Message")
    [Console]::Error.WriteLine($Usage)
    exit 2
}

# A command line, quoted so that it can be pasted into PowerShell.
function Format-Command([string[]] $Words) {
    ($Words | ForEach-Object {
            if ($_ -match '^[\w%+=:./\\-]+$') { $_ } else { "'" + ($_ -replace "'", "''") + "'" }
        }) -join ' '
}

# Runs a command (or only prints it with -DryRun); a failure ends the script with its exit code.
function Invoke-Step([string[]] $Words) {
    $line = Format-Command $Words
    if ($DryRun) { Write-Output $line; return }
    Write-Output "==> $line"
    $arguments = @($Words | Select-Object -Skip 1)
    & $Words[0] @arguments
    if ($LASTEXITCODE -ne 0) { exit $LASTEXITCODE }
}

function Test-Tool([string] $Name) {
    [bool] (Get-Command $Name -CommandType Application -ErrorAction SilentlyContinue)
}

function Assert-Nanoff {
    if (-not $DryRun -and -not (Test-Tool 'nanoff')) {
        [Console]::Error.WriteLine('error: nanoff not found on PATH; run: thermodev-flash.ps1 tools')
        exit 127
    }
}

function Assert-Port { if (-not $Port) { Exit-Usage "$Command needs -Port" } }

function Assert-Ssid {
    if (-not $Ssid) { Exit-Usage "$Command needs -Ssid (1 to 32 characters)" }
    if ($Ssid.Length -gt 32) { Exit-Usage 'the SSID is longer than 32 characters' }
}

function Assert-Image { if (-not (Test-Path -LiteralPath $Image -PathType Leaf)) { Exit-Usage "image not found: $Image" } }

function Read-Password {
    $password = [Environment]::GetEnvironmentVariable('THERMODEV_WIFI_PASSWORD')
    if (-not $password -and -not $DryRun) {
        if ([Console]::IsInputRedirected) {
            Exit-Usage 'set THERMODEV_WIFI_PASSWORD or run in a terminal to be asked for the password'
        }
        $secure = Read-Host -AsSecureString "Wi-Fi password for $Ssid"
        $password = [System.Net.NetworkCredential]::new('', $secure).Password
    }
    if ($password.Length -gt 64) { Exit-Usage 'the Wi-Fi password is longer than 64 characters' }
    [string] $password
}

function New-WifiJson([string] $Password) {
    [ordered]@{ SerialPort = $Port; WirelessClient = [ordered]@{ Ssid = $Ssid; Password = $Password } } |
        ConvertTo-Json -Compress
}

function Invoke-Tools {
    if (-not (Test-Tool 'nanoff')) {
        Invoke-Step @('dotnet', 'tool', 'install', '-g', 'nanoff')
    } elseif ($Update) {
        Invoke-Step @('dotnet', 'tool', 'update', '-g', 'nanoff')
    } else {
        Write-Output "nanoff is installed ($((Get-Command nanoff -CommandType Application)[0].Source)); use -Update to update it"
    }
}

function Invoke-Firmware {
    $words = @('nanoff', '--update', '--target', $Target, '--serialport', $Port)
    if ($MassErase) { $words += '--masserase' }
    Invoke-Step $words
}

function Invoke-Wifi([string] $Password) {
    if ($DryRun) {
        Write-Output 'nanoff --networkdeployment <wifi.json>'
        Write-Output "# <wifi.json> = $(New-WifiJson '***')"
        return
    }
    # Created readable by the owner only, and removed whatever way the step ends.
    $file = Join-Path ([IO.Path]::GetTempPath()) ('thermodev-wifi.' + [IO.Path]::GetRandomFileName())
    $options = [IO.FileStreamOptions]@{ Mode = 'CreateNew'; Access = 'Write' }
    if (-not $IsWindows) { $options.UnixCreateMode = 'UserRead, UserWrite' }
    try {
        $writer = [IO.StreamWriter]::new($file, [Text.UTF8Encoding]::new($false), $options)
        try { $writer.Write((New-WifiJson $Password)) } finally { $writer.Dispose() }
        Invoke-Step @('nanoff', '--networkdeployment', $file)
    } finally {
        Remove-Item -LiteralPath $file -Force -ErrorAction SilentlyContinue
    }
}

function Invoke-Deploy {
    Invoke-Step @('nanoff', '--nanodevice', '--deploy', '--serialport', $Port, '--image', $Image)
}

if ($Help -or $Rest -contains '--help' -or $Rest -contains '-h') { Write-Output $Usage; exit 0 }
if ($Rest) { Exit-Usage "unexpected argument: $($Rest[0])" }

switch -CaseSensitive ($Command) {
    'tools' { Invoke-Tools }
    'ports' { Assert-Nanoff; Invoke-Step @('nanoff', '--listports') }
    'targets' { Assert-Nanoff; Invoke-Step @('nanoff', '--listtargets', '--platform', 'esp32') }
    'firmware' { Assert-Port; Assert-Nanoff; Invoke-Firmware }
    'wifi' { Assert-Port; Assert-Ssid; $password = Read-Password; Assert-Nanoff; Invoke-Wifi $password }
    'deploy' { Assert-Port; Assert-Image; Assert-Nanoff; Invoke-Deploy }
    'all' {
        Assert-Port; Assert-Ssid; Assert-Image; $password = Read-Password; Assert-Nanoff
        Invoke-Firmware; Invoke-Wifi $password; Invoke-Deploy
    }
    '' { Exit-Usage 'no command given' }
    default { Exit-Usage "unknown command: $Command" }
}
exit 0
