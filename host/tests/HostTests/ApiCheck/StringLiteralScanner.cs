using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Reflection.Emit;
using System.Reflection.Metadata;
using System.Reflection.Metadata.Ecma335;
using System.Reflection.PortableExecutable;

namespace ThermoDev.HostTests.ApiCheck
{
    /// <summary>
    /// Finds string literals (IL ldstr) that run outside start-up and error paths. On nanoFramework every
    /// evaluation of a string literal allocates a string, so code that runs per request or per
    /// notification keeps its text in static byte arrays. A literal is fine in a constructor or static
    /// constructor, and on the way to an exception (no return or branch between it and a throw or the
    /// creation of an exception); anywhere else it is reported as "Type.Method: "text"".
    /// </summary>
    public static class StringLiteralScanner
    {
        public static List<string> Scan(string assemblyPath)
        {
            var findings = new List<string>();
            using var pe = new PEReader(ImmutableArray.Create(File.ReadAllBytes(assemblyPath)));
            MetadataReader md = pe.GetMetadataReader();
            foreach (TypeDefinitionHandle th in md.TypeDefinitions)
            {
                TypeDefinition type = md.GetTypeDefinition(th);
                foreach (MethodDefinitionHandle mh in type.GetMethods())
                {
                    MethodDefinition method = md.GetMethodDefinition(mh);
                    string name = md.GetString(method.Name);
                    if (method.RelativeVirtualAddress == 0 || name == ".ctor" || name == ".cctor")
                    {
                        continue;
                    }

                    var instructions = IlInstructions.Decode(pe.GetMethodBody(method.RelativeVirtualAddress).GetILReader());
                    for (int i = 0; i < instructions.Count; i++)
                    {
                        if (instructions[i].OpCode == OpCodes.Ldstr && !FeedsAnException(md, instructions, i))
                        {
                            string text = md.GetUserString(MetadataTokens.UserStringHandle(instructions[i].Operand));
                            findings.Add($"{md.GetString(type.Name)}.{name}: \"{text}\"");
                        }
                    }
                }
            }

            return findings;
        }

        // True when the literal is evaluated only on the way to an exception: the instructions after it
        // reach a throw, or the creation of an exception, before any return or branch.
        private static bool FeedsAnException(MetadataReader md, List<IlInstruction> instructions, int index)
        {
            for (int i = index + 1; i < instructions.Count; i++)
            {
                OpCode op = instructions[i].OpCode;
                if (op == OpCodes.Throw || (op == OpCodes.Newobj && OwnerOf(md, instructions[i].Operand).EndsWith("Exception", StringComparison.Ordinal)))
                {
                    return true;
                }

                if (op == OpCodes.Ret || op.FlowControl == FlowControl.Branch || op.FlowControl == FlowControl.Cond_Branch)
                {
                    return false;
                }
            }

            return false;
        }

        private static string OwnerOf(MetadataReader md, int token)
        {
            EntityHandle handle = MetadataTokens.EntityHandle(token);
            EntityHandle parent = handle.Kind switch
            {
                HandleKind.MemberReference => md.GetMemberReference((MemberReferenceHandle)handle).Parent,
                HandleKind.MethodDefinition => md.GetMethodDefinition((MethodDefinitionHandle)handle).GetDeclaringType(),
                _ => default,
            };
            return parent.Kind switch
            {
                HandleKind.TypeReference => md.GetString(md.GetTypeReference((TypeReferenceHandle)parent).Name),
                HandleKind.TypeDefinition => md.GetString(md.GetTypeDefinition((TypeDefinitionHandle)parent).Name),
                _ => string.Empty,
            };
        }
    }
}
