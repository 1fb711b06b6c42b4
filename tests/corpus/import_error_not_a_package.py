import _imp_helper.sub
