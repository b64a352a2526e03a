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
# The nanoff release whose options and Wi-Fi JSON these commands follow; nanoff 3 changed its command line.
$NanoffVersion = '2.5.162'
$PSNativeCommandUseErrorActionPreference = $false
$Root = Split-Path -Parent $PSScriptRoot
if (-not $PSBoundParameters.ContainsKey('Image')) {
    $Image = Join-Path $Root 'ThermoDev' 'bin' 'Release' 'ThermoDev.bin'
}

$Usage = @"
Usage: thermodev-flash.ps1 <command> [options] [-DryRun]

Commands:
  tools      install nanoff $NanoffVersion if it is missing (with -Update: reinstall that version)
  ports      list the serial ports
  targets    list the ESP32 firmware targets
  firmware   flash the nanoFramework firmware   (-Port, [-Target], [-MassErase])
  wifi       store Wi-Fi credentials on the device (-Port, -Ssid); nanoff prints its
             "No operation was performed" help first, then stores them
  deploy     deploy the ThermoDev image          (-Port, [-Image])
  all        firmware, wifi and deploy, in this order; stops at the first failure

Options:
  -Port <port>     serial port, e.g. COM3 or /dev/ttyUSB0
  -Target <name>   firmware target for the board's chip (default ESP32_PSRAM_REV0):
                     ESP32     ESP32_PSRAM_REV0 or ESP32_REV0 (any revision),
                               ESP32_PSRAM_REV3 or ESP32_REV3 (chip revision v3 only)
                     ESP32-S2  ESP32_S2
                     ESP32-S3  ESP32_S3_QUAD (quad or no PSRAM), ESP32_S3_OCTAL (octal PSRAM)
                     ESP32-C3  ESP32_C3 (revision v0.3 and later), ESP32_C3_BETA (v0.2)
                     ESP32-C6  ESP32_C6_THREAD
                   nanoff does not check a named target against the chip: a wrong one does not boot
  -MassErase       erase the whole flash before writing the firmware
  -Ssid <ssid>     Wi-Fi network name (1 to 32 bytes in UTF-8)
  -Image <path>    app image (default ThermoDev/bin/Release/ThermoDev.bin in the repository)
  -Update          tools: reinstall nanoff $NanoffVersion even when a nanoff is installed
  -DryRun          print the commands without running them
  -Help            show this help

The Wi-Fi password (up to 64 bytes in UTF-8) comes from THERMODEV_WIFI_PASSWORD or,
when that is empty, from a hidden prompt. It is never printed.

Exit codes: 0 when every step worked, 2 for bad input, 127 when nanoff is missing;
otherwise the failing step's exit code. nanoff's error codes (E1000 to E9015) reach
Linux and macOS modulo 256 (E9000, a bad command line, is 40); none becomes 0.
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

# The Wi-Fi limits (SSID 32, password 64) are in bytes of UTF-8.
function Get-ByteLength([string] $Text) { [Text.Encoding]::UTF8.GetByteCount($Text) }

function Assert-Ssid {
    if (-not $Ssid) { Exit-Usage "$Command needs -Ssid (1 to 32 bytes)" }
    if ((Get-ByteLength $Ssid) -gt 32) { Exit-Usage 'the SSID is longer than 32 bytes in UTF-8' }
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
    if ((Get-ByteLength $password) -gt 64) { Exit-Usage 'the Wi-Fi password is longer than 64 bytes in UTF-8' }
    [string] $password
}

function New-WifiJson([string] $Password) {
    [ordered]@{ SerialPort = $Port; WirelessClient = [ordered]@{ Ssid = $Ssid; Password = $Password } } |
        ConvertTo-Json -Compress
}

function Invoke-Tools {
    if (-not (Test-Tool 'nanoff')) {
        Invoke-Step @('dotnet', 'tool', 'install', '-g', 'nanoff', '--version', $NanoffVersion)
    } elseif ($Update) {
        Invoke-Step @('dotnet', 'tool', 'update', '-g', 'nanoff', '--version', $NanoffVersion, '--allow-downgrade')
    } else {
        Write-Output "nanoff is installed ($((Get-Command nanoff -CommandType Application)[0].Source)); use -Update to reinstall nanoff $NanoffVersion"
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
