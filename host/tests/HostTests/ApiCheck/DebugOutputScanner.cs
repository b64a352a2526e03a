using System.Collections.Generic;
using System.Collections.Immutable;
using System.IO;
using System.Reflection.Emit;
using System.Reflection.Metadata;
using System.Reflection.Metadata.Ecma335;
using System.Reflection.PortableExecutable;

namespace ThermoDev.HostTests.ApiCheck
{
    /// <summary>
    /// Finds calls to System.Diagnostics.Debug.Write, WriteLine, WriteIf, WriteLineIf, Print (IL call to a
    /// member of that type whose name starts with Write or is Print), reported as "Type.Method: Debug.Name".
    /// In the nanoFramework mscorlib they carry [Conditional("DEBUG")]: a Release image, the one deployed,
    /// prints nothing of them. The assembly must be compiled with DEBUG defined, or the calls are gone
    /// before this looks.
    /// </summary>
    public static class DebugOutputScanner
    {
        public static List<string> Scan(string assemblyPath) => Scan(File.ReadAllBytes(assemblyPath));

        public static List<string> Scan(byte[] image)
        {
            var findings = new List<string>();
            using var pe = new PEReader(ImmutableArray.Create(image));
            MetadataReader md = pe.GetMetadataReader();
            foreach (TypeDefinitionHandle th in md.TypeDefinitions)
            {
                TypeDefinition type = md.GetTypeDefinition(th);
                foreach (MethodDefinitionHandle mh in type.GetMethods())
                {
                    MethodDefinition method = md.GetMethodDefinition(mh);
                    if (method.RelativeVirtualAddress == 0)
                    {
                        continue;
                    }

                    foreach (IlInstruction instruction in IlInstructions.Decode(pe.GetMethodBody(method.RelativeVirtualAddress).GetILReader()))
                    {
                        if (instruction.OpCode != OpCodes.Call && instruction.OpCode != OpCodes.Callvirt)
                        {
                            continue;
                        }

                        EntityHandle callee = MetadataTokens.EntityHandle(instruction.Operand);
                        if (callee.Kind != HandleKind.MemberReference)
                        {
                            continue;
                        }

                        MemberReference member = md.GetMemberReference((MemberReferenceHandle)callee);
                        string name = md.GetString(member.Name);
                        if (member.Parent.Kind == HandleKind.TypeReference && (name.StartsWith("Write", System.StringComparison.Ordinal) || name == "Print"))
                        {
                            TypeReference owner = md.GetTypeReference((TypeReferenceHandle)member.Parent);
                            if (md.GetString(owner.Namespace) == "System.Diagnostics" && md.GetString(owner.Name) == "Debug")
                            {
                                findings.Add($"{md.GetString(type.Name)}.{md.GetString(method.Name)}: Debug.{name}");
                            }
                        }
                    }
                }
            }

            return findings;
        }
    }
}
