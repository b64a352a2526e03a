using System;
using System.Net;
using System.Threading;
using nanoFramework.Networking;
using ThermoDev.Supervision;

namespace ThermoDev
{
    /// <summary>
    /// Waits for the Wi-Fi connection made with the credentials stored on the device; there are none
    /// in the source. The stored configuration connects by itself at boot and again whenever the
    /// access point comes back (the ESP32 firmware's default for it is AutoConnect, which storing
    /// credentials with nanoff keeps), so once connected nothing here needs to run again, and the
    /// CoAP server keeps running while Wi-Fi is away.
    /// </summary>
    public static class WifiConnection
    {
        private const int FirstRetryDelayMilliseconds = 5000;
        private const int MaxRetryDelayMilliseconds = 60000;

        /// <summary>
        /// Returns once the device has an IPv4 address. First waits up to
        /// <paramref name="timeoutMilliseconds"/> through <see cref="WifiNetworkHelper.Reconnect"/>;
        /// when that fails, prints why and how to store credentials, then checks for an address again
        /// after 5 s, doubling the wait up to 60 s, for as long as it takes. Tells <paramref name="log"/> what it does.
        /// </summary>
        public static void WaitForNetwork(int timeoutMilliseconds, ILogSink log)
        {
            log.Line("Wi-Fi: connecting with the stored credentials");
            bool connected;
            using (CancellationTokenSource timeout = new CancellationTokenSource(timeoutMilliseconds))
            {
                connected = WifiNetworkHelper.Reconnect(requiresDateTime: false, wifiAdapterId: 0, token: timeout.Token);
            }

            if (connected)
            {
                return;
            }

            PrintFailure(log);
            PrintCredentialsHelp(log);

            // WifiNetworkHelper waits only once per boot: a second call fails at once with an
            // InvalidOperationException (System.Net 1.11.43, NetworkHelper.SetupHelper), even once
            // the network is up. The firmware keeps connecting by itself, so from here on the address
            // is checked directly.
            int delay = FirstRetryDelayMilliseconds;
            while (true)
            {
                log.Line("Wi-Fi: no IP address yet, checking again in " + (delay / 1000).ToString() + " s");
                Thread.Sleep(delay);
                if (HasAddress(IPAddress.GetDefaultLocalAddress()))
                {
                    return;
                }

                delay = delay > MaxRetryDelayMilliseconds / 2 ? MaxRetryDelayMilliseconds : delay * 2;
            }
        }

        // GetDefaultLocalAddress returns 0.0.0.0 while no interface has an address.
        private static bool HasAddress(IPAddress address)
        {
            byte[] bytes = address.GetAddressBytes();
            for (int i = 0; i < bytes.Length; i++)
            {
                if (bytes[i] != 0)
                {
                    return true;
                }
            }

            return false;
        }

        private static void PrintFailure(ILogSink log)
        {
            log.Line("Wi-Fi: not connected: " + StatusName(WifiNetworkHelper.Status));
            Exception exception = WifiNetworkHelper.HelperException;
            if (exception != null)
            {
                log.Line("Wi-Fi: " + exception.Message);
            }
        }

        private static void PrintCredentialsHelp(ILogSink log)
        {
            log.Line("Wi-Fi: if no credentials are stored on this board yet, store them from a PC with");
            log.Line("  nf-flash-scripts/thermodev-flash.sh wifi --port <port> --ssid <ssid>");
            log.Line("  or, in PowerShell: nf-flash-scripts/thermodev-flash.ps1 wifi -Port <port> -Ssid <ssid>");
            log.Line("  (the script asks for the password), then reset the board.");
        }

        // Enum.ToString() prints the number on nanoFramework, so the names are spelled out.
        private static string StatusName(NetworkHelperStatus status)
        {
            switch (status)
            {
                case NetworkHelperStatus.None:
                    return "None";
                case NetworkHelperStatus.Started:
                    return "Started";
                case NetworkHelperStatus.NetworkIsReady:
                    return "NetworkIsReady";
                case NetworkHelperStatus.FailedNoNetworkInterface:
                    return "FailedNoNetworkInterface";
                case NetworkHelperStatus.TokenExpiredWaitingIPAddress:
                    return "TokenExpiredWaitingIPAddress (no IP address in time)";
                case NetworkHelperStatus.TokenExpiredWaitingDateTime:
                    return "TokenExpiredWaitingDateTime";
                case NetworkHelperStatus.ErrorConnetingToWiFiWhileScanning:
                    return "ErrorConnetingToWiFiWhileScanning";
                case NetworkHelperStatus.ExceptionOccurred:
                    return "ExceptionOccurred";
                default:
                    return "status " + ((int)status).ToString();
            }
        }
    }
}
