using System.Collections.Generic;
using System.IO;
using System.Text.RegularExpressions;

namespace ThermoDev.HostTests.ProjectFiles
{
    /// <summary>
    /// The nanoFramework package set of the project: package id -> version. Read from the shared
    /// platform notes when they are beside the repository; the known set otherwise.
    /// </summary>
    public static class PackageTable
    {
        /// <summary>Rows "| id | version | ... |" of the platform notes' package table.</summary>
        public static Dictionary<string, string> ReadFromNotes(string markdownPath)
        {
            var table = new Dictionary<string, string>();
            var row = new Regex(@"^\|\s*(?<id>[A-Za-z0-9_.{},]+)\s*(\(.*\))?\s*\|\s*(?<version>\d+\.\d+\.\d+)\s*\|");
            foreach (string line in File.ReadLines(markdownPath))
            {
                Match m = row.Match(line);
                if (!m.Success)
                {
                    continue;
                }

                string id = m.Groups["id"].Value;
                string version = m.Groups["version"].Value;
                Match braces = Regex.Match(id, @"^(?<prefix>.*)\{(?<names>[^}]*)\}(?<suffix>.*)$");
                if (braces.Success)
                {
                    foreach (string name in braces.Groups["names"].Value.Split(','))
                    {
                        table[braces.Groups["prefix"].Value + name.Trim() + braces.Groups["suffix"].Value] = version;
                    }
                }
                else
                {
                    table[id] = version;
                }
            }

            return table;
        }
    }
}
